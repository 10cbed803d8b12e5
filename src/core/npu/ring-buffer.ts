/** A fixed-size buffer of numbers that overwrites its oldest value when full. null is stored as NaN. */
export class NumberRing {
  private readonly data: Float64Array;
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer: ${capacity}`);
    this.data = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(value: number | null): void {
    const v = value === null ? NaN : value;
    if (this.size < this.capacity) {
      this.data[(this.start + this.size) % this.capacity] = v;
      this.size++;
    } else {
      this.data[this.start] = v;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The i-th value, oldest first; null for "no reading" or out of range. */
  at(i: number): number | null {
    if (i < 0 || i >= this.size) return null;
    const v = this.data[(this.start + i) % this.capacity];
    return Number.isNaN(v) ? null : v;
  }

  /** Values from index `from` (oldest = 0) to the newest. */
  slice(from = 0): (number | null)[] {
    const out: (number | null)[] = [];
    for (let i = Math.max(0, from); i < this.size; i++) out.push(this.at(i));
    return out;
  }
}
