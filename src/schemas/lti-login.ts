import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ }).max(2048);
const hint = z.string().min(1).max(4096);

/** A platform's OpenID Connect third-party-initiated login (query or form parameters). */
export const loginInitiation = z.object({
  iss: url,
  login_hint: hint,
  target_link_uri: url,
  lti_message_hint: hint.optional(),
  client_id: z.string().min(1).max(255).optional(),
  lti_deployment_id: z.string().min(1).max(255).optional(),
  lti_storage_target: z.string().min(1).max(100).optional(),
});

export type LoginInitiation = z.output<typeof loginInitiation>;
export type LoginInitiationInput = z.input<typeof loginInitiation>;
