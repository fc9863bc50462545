/** Emails are compared case-insensitively everywhere, through this one key. */
export const emailKey = (email: string): string => email.trim().toLowerCase();
