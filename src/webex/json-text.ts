/**
 * JSON that is already serialised, such as a finished card kept for the next identical question, held as its UTF-8
 * bytes. The WebexClient sends those bytes as they are where it would serialise a body, so a remembered card is
 * neither kept as a tree of objects nor serialised or encoded again for every post: a hit writes bytes that exist
 * already, and a Buffer lives outside the young generation the garbage collector copies. Anything else that
 * serialises it (a log line, a test, a comparison) gets the value itself through `toJSON`.
 */
export class JsonText {
  readonly bytes: Buffer;

  constructor(json: string | Buffer) {
    this.bytes = typeof json === 'string' ? Buffer.from(json, 'utf8') : json;
  }

  /** The JSON as a string (decoded on each call: for the rare reader, not the hot path). */
  get text(): string {
    return this.bytes.toString('utf8');
  }

  toJSON(): unknown {
    return JSON.parse(this.text) as unknown;
  }
}
