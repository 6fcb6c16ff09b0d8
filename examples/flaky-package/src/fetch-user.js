/**
 * Loads a user through `transport(id)`, a function returning a promise (in production an HTTP
 * call). Slow or failing transports are the caller's problem; this only shapes the answer.
 */
export async function fetchUser(id, transport) {
  const raw = await transport(id);
  return { id, name: raw.name.trim(), admin: raw.role === "admin" };
}
