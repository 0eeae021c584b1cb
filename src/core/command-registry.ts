import { closest, distance } from 'fastest-levenshtein';
import type { ChatEvent, ChatMessage, Reply } from '../bot/types.js';
import type { Logger } from '../logger.js';

/** Everything a command handler gets: the message, a way to answer, the clock and a logger bound to the event. */
export interface CommandContext {
  message: ChatMessage;
  /** The text after the command word. */
  args: string;
  reply: Reply;
  now: () => Date;
  log: Logger;
}

/** A command as data (hubot CommandBus style): help, aliases and "did you mean" all come from these specs. */
export interface CommandSpec {
  name: string;
  aliases?: string[];
  /** One line for the help list. */
  description: string;
  /** Full phrases a person can type, shown in help. */
  examples: string[];
  handler(ctx: CommandContext): Promise<void>;
}

export type ActionHandler = (
  event: Extract<ChatEvent, { kind: 'action' }>,
  reply: Reply,
  log: Logger,
) => Promise<void>;

export class CommandRegistry {
  private readonly byWord = new Map<string, CommandSpec>();
  private readonly ordered: CommandSpec[] = [];

  constructor(specs: CommandSpec[] = []) {
    for (const s of specs) this.add(s);
  }

  add(spec: CommandSpec): this {
    for (const word of [spec.name, ...(spec.aliases ?? [])]) {
      const key = word.toLowerCase();
      if (this.byWord.has(key)) throw new Error(`command word "${word}" is declared twice`);
      this.byWord.set(key, spec);
    }
    this.ordered.push(spec);
    return this;
  }

  get commands(): readonly CommandSpec[] {
    return this.ordered;
  }

  /** Splits "Recordings last week" into the command and its arguments; undefined when the first word is unknown. */
  match(text: string): { spec: CommandSpec; args: string } | undefined {
    const trimmed = text.trim();
    const [word = '', ...rest] = trimmed.split(/\s+/);
    const spec = this.byWord.get(word.toLowerCase());
    return spec ? { spec, args: rest.join(' ') } : undefined;
  }

  /** The command word closest to what was typed, if it is close enough to be a plausible typo. */
  suggest(word: string): string | undefined {
    const words = [...this.byWord.keys()];
    if (!word || words.length === 0) return undefined;
    const lower = word.toLowerCase();
    const best = closest(lower, words);
    // A swapped pair of letters ("hlep") costs 2 in Levenshtein distance, so short words allow 2 unless tiny.
    const allowed = best.length <= 3 ? 1 : Math.max(2, Math.floor(best.length / 3));
    return distance(lower, best) <= allowed ? best : undefined;
  }
}
