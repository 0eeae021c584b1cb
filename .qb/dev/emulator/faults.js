/** Faults are consumed in the order they were injected; each matching request uses up one count. */
export class FaultRegistry {
    faults = [];
    add(spec) {
        const count = spec.count ?? 1;
        if (!(count > 0))
            throw new RangeError('FaultSpec.count must be positive');
        if (spec.status !== undefined && (spec.status < 100 || spec.status > 599)) {
            throw new RangeError('FaultSpec.status must be an HTTP status');
        }
        this.faults.push({ spec, remaining: count });
    }
    clear() {
        this.faults = [];
    }
    /** Finds and consumes the first fault matching the request. */
    take(method, path) {
        const index = this.faults.findIndex((f) => matches(f.spec, method, path));
        const fault = this.faults[index];
        if (!fault)
            return undefined;
        fault.remaining -= 1;
        if (fault.remaining <= 0)
            this.faults.splice(index, 1);
        return fault.spec;
    }
}
function matches(spec, method, path) {
    if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase())
        return false;
    if (typeof spec.path === 'string')
        return spec.path === path;
    // A global/sticky RegExp keeps lastIndex between calls, which would make matching flaky.
    spec.path.lastIndex = 0;
    return spec.path.test(path);
}
//# sourceMappingURL=faults.js.map