/**
 * The error of account changes made with a wrong password. compat: Misskey throws a plain
 * Error there (an INTERNAL_ERROR 500); we keep its envelope but answer 400 with our own id.
 */
export const INCORRECT_PASSWORD = {
  message: 'Incorrect password.',
  code: 'INCORRECT_PASSWORD',
  id: 'e54c1d7e-e7d6-4103-86b6-0a95069b4ad3',
} as const;
