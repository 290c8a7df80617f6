import { z } from 'zod';
import { KEY_CHUNKS_PER_EVENT, RAW_CHUNK_LENGTH } from '../sandbox/terminal.ts';

/** One event of a lab session, as a submission carries it (see Sandbox's TranscriptEvent). */
export const transcriptEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('input'),
    text: z.string().max(10_000),
    wait: z.number().int().min(0).max(86_400_000).optional(),
  }),
  /** Keystrokes typed into a full-screen program, chunk by chunk (see RAW_CHUNK_LENGTH). */
  z.object({
    type: z.literal('keys'),
    keys: z.array(z.string().min(1).max(RAW_CHUNK_LENGTH)).min(1).max(KEY_CHUNKS_PER_EVENT),
  }),
  z.object({ type: z.literal('interrupt'), at: z.number().int(), sleep: z.number().int().min(0) }),
  z.object({
    type: z.literal('write'),
    path: z.string().startsWith('/').max(4096),
    text: z.string().max(1_000_000),
  }),
]);

/** What a learner submits for an exercise: evidence, never a score. */
export const submission = z.object({
  exercise: z.string(),
  exerciseVersion: z.number().int().positive(),
  engine: z.string(),
  transcript: z.array(transcriptEvent).max(5_000),
  /** Tasks whose reference solution the learner chose to see (kept with the result). */
  revealed: z.array(z.string()).max(100).default([]),
});

export type SubmissionInput = z.input<typeof submission>;
export type Submission = z.output<typeof submission>;
