/**
 * Deliveries by when they are due (then by queue order): a binary min-heap, so taking the next due
 * delivery costs log n however long the backlog waiting for a retry is. Items go stale instead of
 * being removed (the owner re-pushes an entry whose time changed and skips what is no longer pending).
 */
interface Item {
  id: string;
  at: string;
  seq: number;
}

export class DueQueue {
  private heap: Item[] = [];
  private seq = 0;

  push(id: string, at: string): void {
    const heap = this.heap;
    heap.push({ id, at, seq: this.seq++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Item, heap[parent] as Item)) break;
      [heap[i], heap[parent]] = [heap[parent] as Item, heap[i] as Item];
      i = parent;
    }
  }

  /** The earliest item, without taking it. */
  peek(): { id: string; at: string } | undefined {
    return this.heap[0];
  }

  pop(): { id: string; at: string } | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left] as Item, heap[smallest] as Item)) smallest = left;
      if (right < heap.length && before(heap[right] as Item, heap[smallest] as Item)) smallest = right;
      if (smallest === i) return top;
      [heap[i], heap[smallest]] = [heap[smallest] as Item, heap[i] as Item];
      i = smallest;
    }
  }

  clear(): void {
    this.heap = [];
  }
}

function before(a: Item, b: Item): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
