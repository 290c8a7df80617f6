/**
 * A learning platform for tests, written from the LTI 1.3, Deep Linking 2.0, AGS 2.0, NRPS 2.0 and
 * Dynamic Registration specifications with the same JOSE library Quayside uses: it begins logins,
 * signs id_tokens, takes deep-linking answers, grants service tokens to a verified client assertion,
 * keeps line items and the scores posted to them, and serves a roster.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const ROLE = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
export const ROLES = {
  instructor: [`${ROLE}Instructor`, 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty'],
  learner: [`${ROLE}Learner`, 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student'],
  ta: ['http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'],
  /** Teaches elsewhere in the school, but is a learner in this course. */
  facultyLearner: ['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor', `${ROLE}Learner`],
};

export interface Person {
  sub: string;
  name: string;
  email: string;
  roles: string[];
  locale: string;
}

export interface LineItem {
  id: string;
  url: string;
  resourceLinkId: string;
  label: string;
  scoreMaximum: number;
  /** The activity the deep link pointed at. */
  targetLinkUri: string;
  custom: Record<string, string>;
  endDateTime?: string | undefined;
}

export interface ReceivedScore {
  lineItem: string;
  body: Record<string, unknown>;
}

type Signer = { key: CryptoKey; kid: string };

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(text));
  });
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * LTI platform storage in the course page: a tool's frame keeps values here by postMessage
 * (`lti.put_data`, `lti.get_data`), each tool's apart, answered to its origin only.
 */
const STORAGE_SCRIPT = `<script>
const kept = new Map();
addEventListener('message', (event) => {
  const m = event.data || {};
  const key = event.origin + ' ' + m.key;
  if (m.subject === 'lti.put_data') kept.set(key, m.value);
  else if (m.subject !== 'lti.get_data') return;
  event.source.postMessage({ subject: m.subject + '.response', message_id: m.message_id, key: m.key, value: kept.get(key) }, event.origin);
});
</script>`;

export class TestPlatform {
  readonly clientId = `client-${randomUUID().slice(0, 8)}`;
  readonly deploymentId = 'deployment-1';
  readonly contextId = 'course-101';
  origin = '';
  /** Where Quayside runs (for its keys, login and deep-link addresses). */
  tool = '';
  private server: Server | undefined;
  private signer!: Signer;
  private publicJwk!: JWK;
  readonly people = new Map<string, Person>();
  readonly lineItems: LineItem[] = [];
  readonly scores: ReceivedScore[] = [];
  readonly deepLinkAnswers: Record<string, unknown>[] = [];
  registration: Record<string, unknown> | undefined;
  readonly registrationToken = `reg-${randomUUID()}`;
  /** The next this many score posts answer 500, or never answer. */
  failScores = 0;
  hangScores = 0;
  /** Tokens issued to Quayside, and the scopes each was granted. */
  readonly tokens = new Map<string, string>();
  /** Whether its course pages offer LTI platform storage to the tool's frame (`lti_storage_target`). */
  storage = false;
  /** Overrides applied to the next id_token (negative tests). */
  nextClaims: Record<string, unknown> = {};
  nextSigner: Signer | undefined = undefined;
  private toolKeys: ReturnType<typeof createRemoteJWKSet> | undefined;

  async start(host = '127.0.0.1'): Promise<this> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    const kid = `platform-${randomUUID().slice(0, 8)}`;
    this.signer = { key: pair.privateKey, kid };
    this.publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) => send(res, 500, { error: String(error) }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, host, resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://${host === '127.0.0.1' ? '127.0.0.1' : host}:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  get issuer(): string {
    return this.origin;
  }

  /** A key the platform does not publish (for the unknown-key test). */
  static async strangerSigner(): Promise<Signer> {
    const pair = await generateKeyPair('RS256');
    return { key: pair.privateKey, kid: 'not-published' };
  }

  /** What a site administrator types into `npm run lti -- add-platform`. */
  manualRegistration() {
    return {
      name: 'Test LMS',
      issuer: this.issuer,
      clientId: this.clientId,
      deploymentIds: [this.deploymentId],
      authLoginUrl: `${this.origin}/auth`,
      tokenUrl: `${this.origin}/token`,
      jwksUrl: `${this.origin}/jwks`,
    };
  }

  person(sub: string, name: string, roles: string[], locale = 'en'): Person {
    const p = { sub, name, email: `${sub}@school.example`, roles, locale };
    this.people.set(sub, p);
    return p;
  }

  /** The address a platform opens to begin a launch (third-party-initiated login). */
  loginUrl(person: Person, message: string, target = `${this.tool}/lti/launch`): string {
    const url = new URL('/lti/login', this.tool);
    url.searchParams.set('iss', this.issuer);
    url.searchParams.set('login_hint', person.sub);
    url.searchParams.set('lti_message_hint', message);
    url.searchParams.set('target_link_uri', target);
    url.searchParams.set('client_id', this.clientId);
    url.searchParams.set('lti_deployment_id', this.deploymentId);
    if (this.storage) url.searchParams.set('lti_storage_target', '_parent');
    return url.href;
  }

  /** The claims of a launch: `deep` for deep linking, otherwise a line item's resource link. */
  claims(person: Person, message: string, nonce: string): Record<string, unknown> {
    const common = {
      sub: person.sub,
      name: person.name,
      email: person.email,
      locale: person.locale,
      nonce,
      [`${LTI}version`]: '1.3.0',
      [`${LTI}deployment_id`]: this.deploymentId,
      [`${LTI}roles`]: person.roles,
      [`${LTI}context`]: { id: this.contextId, title: 'Containers 101', label: 'C101' },
      'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': {
        context_memberships_url: `${this.origin}/memberships`,
        service_versions: ['2.0'],
      },
    };
    if (message === 'deep')
      return {
        ...common,
        [`${LTI}message_type`]: 'LtiDeepLinkingRequest',
        'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
          deep_link_return_url: `${this.origin}/deep-link-return`,
          accept_types: ['ltiResourceLink'],
          accept_presentation_document_targets: ['iframe', 'window'],
          accept_multiple: true,
          data: 'opaque-platform-data',
        },
      };
    const item = this.lineItems.find((l) => l.resourceLinkId === message);
    if (!item) throw new Error(`no resource link ${message}`);
    return {
      ...common,
      [`${LTI}message_type`]: 'LtiResourceLinkRequest',
      [`${LTI}target_link_uri`]: item.targetLinkUri,
      [`${LTI}resource_link`]: { id: item.resourceLinkId, title: item.label },
      [`${LTI}custom`]: item.custom,
      'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
        scope: [
          'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
          'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        ],
        lineitems: `${this.origin}/lineitems`,
        lineitem: item.url,
      },
    };
  }

  /** Signs an id_token for Quayside (overrides first, so tests can break any claim). */
  async idToken(claims: Record<string, unknown>, signer: Signer = this.signer): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: this.issuer, aud: this.clientId, iat: now, exp: now + 300, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'JWT' })
      .sign(signer.key);
  }

  private keysOfTool() {
    this.toolKeys ??= createRemoteJWKSet(new URL('/lti/jwks', this.tool));
    return this.toolKeys;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const path = url.pathname;
    if (path === '/jwks') return send(res, 200, { keys: [this.publicJwk] });
    if (path === '/.well-known/openid-configuration')
      return send(res, 200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.origin}/auth`,
        token_endpoint: `${this.origin}/token`,
        jwks_uri: `${this.origin}/jwks`,
        registration_endpoint: `${this.origin}/register`,
        scopes_supported: ['openid'],
        response_types_supported: ['id_token'],
        id_token_signing_alg_values_supported: ['RS256'],
        'https://purl.imsglobal.org/spec/lti-platform-configuration': {
          product_family_code: 'test-lms',
          version: '1.0',
          messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
        },
      });
    if (path === '/register' && req.method === 'POST') {
      if (req.headers.authorization !== `Bearer ${this.registrationToken}`)
        return send(res, 401, { error: 'token' });
      this.registration = JSON.parse(await read(req));
      return send(res, 200, {
        ...this.registration,
        client_id: this.clientId,
        'https://purl.imsglobal.org/spec/lti-tool-configuration': {
          ...(this.registration?.['https://purl.imsglobal.org/spec/lti-tool-configuration'] as object),
          deployment_id: this.deploymentId,
        },
      });
    }
    if (path === '/auth') return this.authorise(url, res);
    if (path === '/token' && req.method === 'POST') return this.token(req, res);
    if (path === '/deep-link-return' && req.method === 'POST') return this.deepLinkReturn(req, res);
    if (path === '/memberships') return this.memberships(req, url, res);
    const scores = /^\/lineitems\/([^/]+)\/scores$/.exec(path);
    if (scores && req.method === 'POST') return this.score(req, res, scores[1] as string);
    const course = /^\/course\/([^/]+)$/.exec(path);
    if (course) {
      const [sub, message] = (course[1] as string).split('~') as [string, string];
      const person = this.people.get(sub) as Person;
      return send(
        res,
        200,
        `<!doctype html><title>Test LMS course</title><h1>Containers 101</h1><iframe title="Quayside" src="${escapeHtml(this.loginUrl(person, message))}" style="width:100%;height:600px"></iframe>${this.storage ? STORAGE_SCRIPT : ''}`,
        'text/html',
      );
    }
    send(res, 404, { error: 'not found' });
  }

  /** The OIDC authorisation endpoint: checks the request, answers with a form_post of the id_token. */
  private async authorise(url: URL, res: ServerResponse): Promise<void> {
    const q = Object.fromEntries(url.searchParams);
    const expected = `${this.tool}/lti/launch`;
    if (
      q.client_id !== this.clientId ||
      q.redirect_uri !== expected ||
      q.response_mode !== 'form_post' ||
      q.scope !== 'openid'
    )
      return send(res, 400, { error: 'invalid_request', q });
    const person = this.people.get(q.login_hint ?? '');
    if (!person || !q.nonce || !q.state) return send(res, 400, { error: 'login_required' });
    const claims = { ...this.claims(person, q.lti_message_hint ?? '', q.nonce), ...this.nextClaims };
    const token = await this.idToken(claims, this.nextSigner ?? this.signer);
    this.nextClaims = {};
    this.nextSigner = undefined;
    send(
      res,
      200,
      `<!doctype html><title>Launching</title><form method="post" action="${escapeHtml(expected)}"><input type="hidden" name="id_token" value="${escapeHtml(token)}"><input type="hidden" name="state" value="${escapeHtml(q.state)}"></form><script>document.forms[0].submit()</script>`,
      'text/html',
    );
  }

  /** Client-credentials grant with a JWT assertion signed by one of the tool's published keys. */
  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await read(req));
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
    )
      return send(res, 400, { error: 'unsupported_grant_type' });
    try {
      const { payload } = await jwtVerify(form.get('client_assertion') ?? '', this.keysOfTool(), {
        issuer: this.clientId,
        subject: this.clientId,
        audience: `${this.origin}/token`,
      });
      if (!payload.jti) throw new Error('jti');
    } catch {
      return send(res, 401, { error: 'invalid_client' });
    }
    const token = randomUUID();
    this.tokens.set(token, form.get('scope') ?? '');
    send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') });
  }

  private granted(req: IncomingMessage, scope: string): boolean {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    return (this.tokens.get(token) ?? '').split(' ').includes(scope);
  }

  private async score(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (!this.granted(req, 'https://purl.imsglobal.org/spec/lti-ags/scope/score'))
      return send(res, 401, { error: 'scope' });
    if (req.headers['content-type'] !== 'application/vnd.ims.lis.v1.score+json')
      return send(res, 415, { error: 'content type' });
    const body = JSON.parse(await read(req));
    if (this.hangScores > 0) {
      this.hangScores--;
      return; // never answers
    }
    if (this.failScores > 0) {
      this.failScores--;
      return send(res, 500, { error: 'the gradebook is down' });
    }
    this.scores.push({ lineItem: id, body });
    send(res, 204, '');
  }

  private async deepLinkReturn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await read(req));
    const { payload } = await jwtVerify(form.get('JWT') ?? '', this.keysOfTool(), {
      issuer: this.clientId,
      audience: this.issuer,
    });
    if (
      payload[`${LTI}message_type`] !== 'LtiDeepLinkingResponse' ||
      payload[`${LTI}deployment_id`] !== this.deploymentId
    )
      return send(res, 400, { error: 'not a deep-linking response' });
    this.deepLinkAnswers.push(payload);
    const items = payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as Record<
      string,
      unknown
    >[];
    for (const item of items) {
      const n = this.lineItems.length + 1;
      const lineItem = item.lineItem as { scoreMaximum: number; label: string } | undefined;
      if (!lineItem) continue;
      this.lineItems.push({
        id: String(n),
        url: `${this.origin}/lineitems/${n}?type=quayside`,
        resourceLinkId: `link-${n}`,
        label: lineItem.label,
        scoreMaximum: lineItem.scoreMaximum,
        targetLinkUri: item.url as string,
        custom: item.custom as Record<string, string>,
        endDateTime: (item.submission as { endDateTime?: string } | undefined)?.endDateTime,
      });
    }
    send(
      res,
      200,
      `<!doctype html><title>Added</title><p data-added="${items.length}">Added ${items.length} items.</p>`,
      'text/html',
    );
  }

  private memberships(req: IncomingMessage, url: URL, res: ServerResponse): void {
    if (!this.granted(req, 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly')) {
      send(res, 401, { error: 'scope' });
      return;
    }
    const all = [...this.people.values()].map((p) => ({
      user_id: p.sub,
      status: 'Active',
      name: p.name,
      email: p.email,
      roles: p.roles,
    }));
    const page = Number(url.searchParams.get('page') ?? 1);
    const size = 2;
    const members = all.slice((page - 1) * size, page * size);
    const headers: Record<string, string> = {
      'content-type': 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
    };
    if (page * size < all.length) headers.link = `<${this.origin}/memberships?page=${page + 1}>; rel="next"`;
    res.writeHead(200, headers);
    res.end(JSON.stringify({ id: url.href, context: { id: this.contextId }, members }));
  }
}
