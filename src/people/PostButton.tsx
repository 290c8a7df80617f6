import { useState } from 'react';
import { postJson } from '../utils/post-json';

export interface PostButtonProps {
  label: string;
  url: string;
  body: unknown;
}

/** One button that posts a fixed JSON body, then reloads the page to show the change. */
export default function PostButton({ label, url, body }: PostButtonProps) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <span>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const result = await postJson(url, body);
          setBusy(false);
          if (result.ok) window.location.reload();
          else setError(result.error);
        }}
      >
        {label}
      </button>
      {error ? <span role="alert"> {error}</span> : null}
    </span>
  );
}
