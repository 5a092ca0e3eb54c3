import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError } from './api-client';

/**
 * Puts the server's field errors next to the matching form fields.
 * Keys may be "max_participants" or "settings.max_participants"; both map to the form's field.
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldNames: readonly string[],
): void {
  if (!isApiError(error)) return;
  for (const [key, message] of Object.entries(error.fields)) {
    const name = fieldNames.find((field) => field === key || `settings.${field}` === key || field === `settings.${key}`);
    if (name) setError(name as Path<T>, { type: 'server', message });
  }
}
