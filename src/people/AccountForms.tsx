import { useState } from 'react';
import { postJson } from '../utils/post-json';

export interface AccountFormsProps {
  /** Where to go once signed in or out. */
  next: string;
  signedIn: boolean;
}

/** Sign-in and sign-up forms, or the sign-out button: each posts JSON and follows `next`. */
export default function AccountForms({ next, signedIn }: AccountFormsProps) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const send = async (url: string, body: unknown, to: string) => {
    setBusy(true);
    setError('');
    const result = await postJson(url, body);
    setBusy(false);
    if (result.ok) window.location.assign(to);
    else setError(result.error);
  };
  const field = (form: HTMLFormElement, name: string) =>
    (form.elements.namedItem(name) as HTMLInputElement).value;

  if (signedIn) {
    return (
      <p>
        <button type="button" disabled={busy} onClick={() => void send('/api/auth/logout', {}, '/')}>
          Sign out
        </button>
      </p>
    );
  }
  return (
    <div className="people-forms">
      {error ? (
        <p className="people-error" role="alert">
          {error}
        </p>
      ) : null}
      <form
        aria-label="Sign in"
        onSubmit={(e) => {
          e.preventDefault();
          const f = e.currentTarget;
          void send('/api/auth/login', { email: field(f, 'email'), password: field(f, 'password') }, next);
        }}
      >
        <h2>Sign in</h2>
        <label>
          Email <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <form
        aria-label="Create an account"
        onSubmit={(e) => {
          e.preventDefault();
          const f = e.currentTarget;
          void send(
            '/api/auth/signup',
            { name: field(f, 'name'), email: field(f, 'email'), password: field(f, 'password') },
            next,
          );
        }}
      >
        <h2>Create a learner account</h2>
        <label>
          Name <input name="name" autoComplete="name" required />
        </label>
        <label>
          Email <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password (at least 10 characters){' '}
          <input name="password" type="password" autoComplete="new-password" minLength={10} required />
        </label>
        <button type="submit" disabled={busy}>
          Create account
        </button>
      </form>
    </div>
  );
}
