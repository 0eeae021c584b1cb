import type { FaultSpec } from './types.js';

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

/** Faults are consumed in the order they were injected; each matching request uses up one count. */
export class FaultRegistry {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    const count = spec.count ?? 1;
    if (!(count > 0)) throw new RangeError('FaultSpec.count must be positive');
    if (spec.status !== undefined && (spec.status < 100 || spec.status > 599)) {
      throw new RangeError('FaultSpec.status must be an HTTP status');
    }
    this.faults.push({ spec, remaining: count });
  }

  clear(): void {
    this.faults = [];
  }

  /** Matching requests the injected faults will still affect (Infinity for an endless one). */
  get pending(): number {
    return this.faults.reduce((n, f) => n + f.remaining, 0);
  }

  /** Finds and consumes the first fault matching the request. */
  take(method: string, path: string): FaultSpec | undefined {
    const index = this.faults.findIndex((f) => matches(f.spec, method, path));
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault.spec;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  if (typeof spec.path === 'string') return spec.path === path;
  // A global/sticky RegExp keeps lastIndex between calls, which would make matching flaky.
  spec.path.lastIndex = 0;
  return spec.path.test(path);
}
