import { useState } from 'react';

export interface ConfirmButtonProps {
  label: string;
  /** Asked in place of the button before it acts; without it the button acts at once. */
  question?: string | undefined;
  /** The buttons that answer the question: go ahead, or leave things as they are. */
  yes: string;
  no: string;
  onConfirm(): void;
  disabled?: boolean;
  className?: string;
}

/**
 * A button for an action that cannot be taken back (starting a lab over, seeing a solution,
 * submitting unanswered questions): the first click asks, in the page, and only "yes" acts.
 */
export default function ConfirmButton({
  label,
  question,
  yes,
  no,
  onConfirm,
  disabled = false,
  className,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (asking)
    return (
      // Focus moves to "no", inside the group, so its legend (the question) is read out with it.
      <fieldset className="confirm">
        <legend>{question}</legend>
        <button
          type="button"
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {yes}
        </button>{' '}
        {/* Focus lands on the choice that changes nothing. */}
        {/* biome-ignore lint/a11y/noAutofocus: the question replaces the button that had focus */}
        <button type="button" autoFocus onClick={() => setAsking(false)}>
          {no}
        </button>
      </fieldset>
    );
  return (
    <button
      type="button"
      className={className}
      disabled={disabled}
      onClick={() => (question ? setAsking(true) : onConfirm())}
    >
      {label}
    </button>
  );
}
