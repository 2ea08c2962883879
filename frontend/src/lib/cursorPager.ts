/**
 * Keyset pagination without totals: a stack of cursors. Page 1 has cursor null;
 * "next" pushes the server's next_cursor, "prev" pops.
 */
export class CursorStack {
  private stack: (string | null)[] = [null]

  get cursor(): string | null {
    return this.stack[this.stack.length - 1] ?? null
  }

  get page(): number {
    return this.stack.length
  }

  get hasPrev(): boolean {
    return this.stack.length > 1
  }

  next(nextCursor: string | null | undefined): boolean {
    if (!nextCursor) return false
    this.stack.push(nextCursor)
    return true
  }

  prev(): boolean {
    if (this.stack.length <= 1) return false
    this.stack.pop()
    return true
  }

  reset(): void {
    this.stack = [null]
  }
}
