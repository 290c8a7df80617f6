import { z } from 'zod';

/** One member of a course, as LTI Names and Role Provisioning Services lists them. */
export const membership = z.object({
  user_id: z.string().min(1).max(255),
  status: z.enum(['Active', 'Inactive', 'Deleted']).default('Active'),
  name: z.string().max(200).optional(),
  given_name: z.string().max(200).optional(),
  family_name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  roles: z.array(z.string().max(500)).max(100),
});

/** A page of a course's members (`application/vnd.ims.lti-nrps.v2.membershipcontainer+json`). */
export const membershipContainer = z.object({
  id: z.string().max(2048).optional(),
  context: z.object({ id: z.string().max(255) }).optional(),
  members: z.array(membership).max(10_000),
});

export type Membership = z.output<typeof membership>;
export type MembershipContainer = z.output<typeof membershipContainer>;
export type MembershipContainerInput = z.input<typeof membershipContainer>;
