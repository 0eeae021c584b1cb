/**
 * JSON that is already serialised, such as a finished card kept for the next identical question. The WebexClient
 * sends it as it is where it would serialise a body, so a remembered card is neither kept as a tree of objects (a
 * string is one object to the garbage collector, and smaller) nor serialised again for every post. Anything else
 * that serialises it (a log line, a test, a comparison) gets the value itself through `toJSON`.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text) as unknown;
  }
}
