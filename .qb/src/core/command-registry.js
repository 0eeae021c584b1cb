import { closest, distance } from 'fastest-levenshtein';
export class CommandRegistry {
    byWord = new Map();
    ordered = [];
    constructor(specs = []) {
        for (const s of specs)
            this.add(s);
    }
    add(spec) {
        for (const word of [spec.name, ...(spec.aliases ?? [])]) {
            const key = word.toLowerCase();
            if (this.byWord.has(key))
                throw new Error(`command word "${word}" is declared twice`);
            this.byWord.set(key, spec);
        }
        this.ordered.push(spec);
        return this;
    }
    get commands() {
        return this.ordered;
    }
    /** Splits "Recordings last week" into the command and its arguments; undefined when the first word is unknown. */
    match(text) {
        const trimmed = text.trim();
        const [word = '', ...rest] = trimmed.split(/\s+/);
        const spec = this.byWord.get(word.toLowerCase());
        return spec ? { spec, args: rest.join(' ') } : undefined;
    }
    /** The command word closest to what was typed, if it is close enough to be a plausible typo. */
    suggest(word) {
        const words = [...this.byWord.keys()];
        if (!word || words.length === 0)
            return undefined;
        const lower = word.toLowerCase();
        const best = closest(lower, words);
        // A swapped pair of letters ("hlep") costs 2 in Levenshtein distance, so short words allow 2 unless tiny.
        const allowed = best.length <= 3 ? 1 : Math.max(2, Math.floor(best.length / 3));
        return distance(lower, best) <= allowed ? best : undefined;
    }
}
//# sourceMappingURL=command-registry.js.map