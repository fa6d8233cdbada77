export interface User {
  id: string;
  name: string;
  email: string;
  role: string;
}

const USERS: User[] = [
  { id: '1', name: 'Ada Lovelace', email: 'ada@example.com', role: 'admin' },
  { id: '2', name: 'Alan Turing', email: 'alan@example.com', role: 'user' },
  { id: '42', name: 'Grace Hopper', email: 'grace@example.com', role: 'user' },
];

export function findUser(id: string): User | undefined {
  return USERS.find((u) => u.id === id);
}

/** `?fields=name,email` keeps only those fields (and always the id). */
export function pickFields(user: User, fields: string | undefined): Partial<User> {
  if (!fields) return user;
  const wanted = new Set(['id', ...fields.split(',').map((f) => f.trim())]);
  return Object.fromEntries(Object.entries(user).filter(([k]) => wanted.has(k)));
}
