import { readFile } from 'node:fs/promises';

/** A tiny `{{name}}` template engine, registered with app.engine() so Express never requires one by name. */
export function renderHtml(file: string, options: object, done: (err: unknown, html?: string) => void): void {
  readFile(file, 'utf8').then(
    (template) => done(null, template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String((options as Record<string, unknown>)[key] ?? ''))),
    (err: unknown) => done(err),
  );
}
