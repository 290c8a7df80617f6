import { useState } from 'react';
import ConfirmButton from '../lab/ConfirmButton';
import { postJson } from '../utils/post-json';

export interface PostButtonProps {
  label: string;
  url: string;
  body: unknown;
  /** POST (the default), PATCH to change what exists, or DELETE. */
  method?: 'POST' | 'PATCH' | 'DELETE';
  /** Asked in the page before acting, with its two answers: for what cannot simply be undone. */
  confirm?: { question: string; yes: string; no: string };
  /** Where to go after success (a deleted page is gone); the page reloads when absent. */
  next?: string;
}

/** One button that sends a fixed JSON body, then reloads the page (or goes on) to show the change. */
export default function PostButton({ label, url, body, method = 'POST', confirm, next }: PostButtonProps) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async () => {
    setBusy(true);
    const result = await postJson(url, body, method);
    setBusy(false);
    if (!result.ok) setError(result.error);
    else if (next) window.location.assign(next);
    else window.location.reload();
  };
  return (
    <span>
      <ConfirmButton
        label={label}
        question={confirm?.question}
        yes={confirm?.yes ?? label}
        no={confirm?.no ?? ''}
        disabled={busy}
        className="qs-button"
        onConfirm={() => void act()}
      />
      {error ? <span role="alert"> {error}</span> : null}
    </span>
  );
}
