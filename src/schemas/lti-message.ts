import { z } from 'zod';

/** The claim names of LTI 1.3, Deep Linking 2.0, AGS and NRPS messages. */
export const CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  launchPresentation: 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  data: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
} as const;

const url = z.url({ protocol: /^https?$/ }).max(2048);
const text = (max: number) => z.string().min(1).max(max);

const common = {
  iss: url,
  sub: text(255),
  aud: z.union([text(255), z.array(text(255)).min(1).max(20)]),
  azp: text(255).optional(),
  exp: z.number(),
  iat: z.number(),
  nonce: text(255),
  name: z.string().max(200).optional(),
  given_name: z.string().max(200).optional(),
  family_name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  locale: z.string().max(35).optional(),
  [CLAIM.version]: z.literal('1.3.0'),
  [CLAIM.deploymentId]: text(255),
  [CLAIM.roles]: z.array(z.string().max(500)).max(100),
  [CLAIM.context]: z.object({ id: text(255), title: z.string().max(500).optional() }).optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
  [CLAIM.launchPresentation]: z
    .object({ locale: z.string().max(35).optional(), document_target: z.string().max(20).optional() })
    .optional(),
  [CLAIM.nrps]: z.object({ context_memberships_url: url }).optional(),
};

/** A resource link launch: a learner or instructor opening one activity. */
export const resourceLinkLaunch = z.object({
  ...common,
  [CLAIM.messageType]: z.literal('LtiResourceLinkRequest'),
  [CLAIM.targetLinkUri]: url,
  [CLAIM.resourceLink]: z.object({ id: text(255), title: z.string().max(500).optional() }),
  [CLAIM.ags]: z
    .object({
      scope: z.array(z.string().max(200)).max(10),
      lineitems: url.optional(),
      lineitem: url.optional(),
    })
    .optional(),
});

/** An instructor asking to pick content to add to the course. */
export const deepLinkingRequest = z.object({
  ...common,
  [CLAIM.messageType]: z.literal('LtiDeepLinkingRequest'),
  [CLAIM.deepLinkingSettings]: z.object({
    deep_link_return_url: url,
    accept_types: z.array(z.string().max(50)).max(20),
    accept_presentation_document_targets: z.array(z.string().max(20)).max(10).optional(),
    accept_multiple: z.boolean().optional(),
    data: z.string().max(4096).optional(),
  }),
});

export const launchMessage = z.discriminatedUnion(CLAIM.messageType, [
  resourceLinkLaunch,
  deepLinkingRequest,
]);

export type LaunchMessage = z.output<typeof launchMessage>;
export type LaunchMessageInput = z.input<typeof launchMessage>;
export type ResourceLinkLaunch = z.output<typeof resourceLinkLaunch>;
export type DeepLinkingRequest = z.output<typeof deepLinkingRequest>;

/** Whether a launch asks the instructor to pick content (Deep Linking) rather than open a link. */
export function isDeepLinking(m: LaunchMessage): m is DeepLinkingRequest {
  return m[CLAIM.messageType] === 'LtiDeepLinkingRequest';
}
