/**
 * One lane per user: a task for a user starts only once that user's previous task has settled;
 * different users' tasks run side by side. An idle user's lane is dropped.
 *
 * @internal
 */
export class UserLanes {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(user: string, task: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(user);
    const result = before === undefined ? task() : before.then(task, task);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.#tails.set(user, tail);
    void tail.then(() => {
      if (this.#tails.get(user) === tail) this.#tails.delete(user);
    });
    return result;
  }

  /** How many users have a task queued or running (for tests). */
  get size(): number {
    return this.#tails.size;
  }
}
