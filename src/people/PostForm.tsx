import { useEffect, useId, useState } from 'react';
import { datetimeLocal } from '../utils/display';
import { postJson } from '../utils/post-json';

/** One input of a `PostForm`. */
export interface PostField {
  name: string;
  label: string;
  type?: 'text' | 'number' | 'datetime-local' | 'select';
  options?: { value: string; label: string }[];
  required?: boolean;
  /**
   * How the value is sent: as text (default), a number, an ISO instant from a local date and time,
   * or `merge`: the value is a JSON object whose fields join the body (one choice, several fields).
   */
  as?: 'text' | 'number' | 'instant' | 'merge';
  /** What the field holds at first (for an `instant`, an ISO instant, shown in the browser's time zone). */
  value?: string | undefined;
}

export interface PostFormProps {
  label: string;
  url: string;
  /** POST creates (the default); PATCH changes what exists. */
  method?: 'POST' | 'PATCH';
  fields: PostField[];
  /** Fixed values sent with the fields. */
  extra?: Record<string, unknown>;
  submit: string;
  /** Where to go after success; the page reloads when absent. */
  next?: string;
}

/**
 * A small form that sends its fields as JSON. An empty field is left out, unless it held a value at
 * first: emptying it then says "none" (sent as null), as clearing a due date does.
 */
export default function PostForm({
  label,
  url,
  method = 'POST',
  fields,
  extra,
  submit,
  next,
}: PostFormProps) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  // Disabled until hydrated: before that a click would submit the form natively instead of as JSON.
  // Dates are filled in then too, in the browser's time zone, which the server does not know.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const initial = (f: PostField) =>
    f.as === 'instant' && f.value ? (ready ? datetimeLocal(f.value) : '') : f.value;
  return (
    <form
      method="post"
      className="people-form"
      aria-label={label}
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const body: Record<string, unknown> = { ...extra };
        for (const f of fields) {
          const raw = (form.elements.namedItem(f.name) as HTMLInputElement | HTMLSelectElement).value.trim();
          if (raw === '') {
            if (f.value) body[f.name] = null;
            continue;
          }
          if (f.as === 'merge') Object.assign(body, JSON.parse(raw));
          else
            body[f.name] =
              f.as === 'number' ? Number(raw) : f.as === 'instant' ? new Date(raw).toISOString() : raw;
        }
        setBusy(true);
        const result = await postJson(url, body, method);
        setBusy(false);
        if (!result.ok) setError(result.error);
        else if (next) window.location.assign(next);
        else window.location.reload();
      }}
    >
      {fields.map((f) => (
        <label key={f.name} htmlFor={`${id}-${f.name}`}>
          {f.label}{' '}
          {f.type === 'select' ? (
            <select id={`${id}-${f.name}`} name={f.name} defaultValue={f.value} required={f.required}>
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              // A new key once hydrated, so a date filled in then is the field's starting value.
              key={f.as === 'instant' ? String(ready) : undefined}
              id={`${id}-${f.name}`}
              name={f.name}
              type={f.type ?? 'text'}
              defaultValue={initial(f)}
              required={f.required}
              {...(f.type === 'number' ? { min: 0, step: 'any' } : {})}
            />
          )}
        </label>
      ))}
      <button type="submit" className="qs-button qs-button-primary" disabled={busy || !ready}>
        {submit}
      </button>
      {error ? (
        <p className="people-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
