/** An in-memory store standing in for a database. */
export const users = new Map([
  [1, { id: 1, email: "ada@example.com", name: "Ada", role: "admin", password: "correct horse", disabled: false }],
  [2, { id: 2, email: "bob@example.com", name: "Bob", role: "user", password: "hunter2", disabled: false }],
  [3, { id: 3, email: "eve@example.com", name: "Eve", role: "user", password: "letmein", disabled: false }],
]);

export const invoices = new Map([
  [101, { id: 101, ownerId: 2, amount: 120, status: "paid" }],
  [102, { id: 102, ownerId: 2, amount: 75, status: "open" }],
  [103, { id: 103, ownerId: 3, amount: 990, status: "open" }],
]);

/** Session id → user id. */
export const sessions = new Map();

export function publicUser(user) {
  const { password, ...rest } = user;
  return rest;
}
