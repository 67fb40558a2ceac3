let counter = 0;

/**
 * A fresh `externalUserId` for a built event: `test-user-1`, `test-user-2`, …, one sequence shared by
 * every event builder of the kit, so two built events never share a user by accident.
 *
 * @internal
 */
export function nextTestUserId(): string {
  counter += 1;
  return `test-user-${counter}`;
}
