import { useEffect, useRef, useState } from 'react';

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
 * submitting unanswered questions): the first click asks, in the page, and only "yes" acts. Escape
 * or "no" leaves things as they were; either answer gives the focus back to the button.
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
  const button = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    if (!asking && answered.current) {
      answered.current = false;
      button.current?.focus();
    }
  }, [asking]);
  const answer = (go: boolean) => {
    answered.current = true;
    setAsking(false);
    if (go) onConfirm();
  };
  if (asking)
    return (
      // Focus moves to "no", inside the group, so its legend (the question) is read out with it.
      <fieldset
        className="confirm"
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          // The question is what Escape closes, not the workspace around it.
          event.preventDefault();
          event.stopPropagation();
          answer(false);
        }}
      >
        <legend>{question}</legend>
        <button type="button" className="qs-button qs-button-danger" onClick={() => answer(true)}>
          {yes}
        </button>{' '}
        {/* Focus lands on the choice that changes nothing. */}
        {/* biome-ignore lint/a11y/noAutofocus: the question replaces the button that had focus */}
        <button type="button" className="qs-button" autoFocus onClick={() => answer(false)}>
          {no}
        </button>
      </fieldset>
    );
  return (
    <button
      ref={button}
      type="button"
      className={className}
      disabled={disabled}
      onClick={() => (question ? setAsking(true) : onConfirm())}
    >
      {label}
    </button>
  );
}
