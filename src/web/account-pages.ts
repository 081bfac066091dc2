import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import type { Services } from '../services.js';
import { errorBlock, esc, sendPage } from './html.js';
import { clearSignedIn, csrfField, csrfToken, csrfValid, currentUser, formOf, safeNext, setSignedIn } from './web-session.js';

/** What a person is told when sign-in or sign-up fails (never which of username or password was wrong). */
const MESSAGES: Record<string, { text: string; status: number }> = {
  'signin.noSuchUser': { text: 'Wrong username or password.', status: 403 },
  'signin.wrongPassword': { text: 'Wrong username or password.', status: 403 },
  'signin.suspended': { text: 'This account is suspended.', status: 403 },
  'signin.tooManyFailures': { text: 'Too many failed attempts. Try again later.', status: 429 },
  'user.invalidUsername': { text: 'A username is 1 to 20 letters, digits or underscores.', status: 400 },
  'user.invalidPassword': { text: 'Choose a password (up to 1024 characters).', status: 400 },
  'user.duplicateUsername': { text: 'This username is already taken.', status: 400 },
  'user.usedUsername': { text: 'This username cannot be used.', status: 400 },
  'signup.invitationRequired': { text: 'Registration is by invitation: enter your invitation code.', status: 400 },
  'signup.invalidInvitation': { text: 'This invitation code is not valid.', status: 400 },
};

const BAD_FORM = 'The form expired. Please try again.';

/** Sign-in, sign-up and sign-out pages. */
export function accountPages(app: FastifyInstance, svc: Services): void {
  app.get<{ Querystring: { next?: string } }>('/signin', async (request, reply) => {
    return signinPage(svc, request, reply, { next: safeNext(request.query.next) });
  });

  app.post('/signin', async (request, reply) => {
    const form = formOf(request.body);
    const next = safeNext(form.next);
    const username = String(form.username ?? '');
    if (!csrfValid(request, form)) return signinPage(svc, request, reply, { next, username, error: BAD_FORM, status: 403 });
    try {
      const result = await svc.signin.signin({
        username,
        password: String(form.password ?? ''),
        ip: request.ip,
        headers: { 'user-agent': String(request.headers['user-agent'] ?? '') },
      });
      setSignedIn(svc, reply, result.token);
      return reply.redirect(next, 303);
    } catch (err) {
      const message = messageOf(err);
      return signinPage(svc, request, reply, { next, username, error: message.text, status: message.status });
    }
  });

  app.get<{ Querystring: { next?: string } }>('/signup', async (request, reply) => {
    return signupPage(svc, request, reply, { next: safeNext(request.query.next) });
  });

  app.post('/signup', async (request, reply) => {
    const form = formOf(request.body);
    const next = safeNext(form.next);
    const username = String(form.username ?? '');
    if (!csrfValid(request, form)) return signupPage(svc, request, reply, { next, username, error: BAD_FORM, status: 403 });
    try {
      const created = await svc.signup.signup({
        username,
        password: String(form.password ?? ''),
        invitationCode: typeof form.invitationCode === 'string' && form.invitationCode !== '' ? form.invitationCode : null,
      });
      setSignedIn(svc, reply, await svc.signin.startSession(created.user.id));
      return reply.redirect(next, 303);
    } catch (err) {
      const message = messageOf(err);
      return signupPage(svc, request, reply, { next, username, error: message.text, status: message.status });
    }
  });

  app.post('/signout', async (request, reply) => {
    const form = formOf(request.body);
    if (!csrfValid(request, form)) return reply.redirect('/signin', 303);
    const signedIn = await currentUser(svc, request);
    if (signedIn) await svc.signin.endSession(signedIn.token);
    clearSignedIn(reply);
    return reply.redirect('/signin', 303);
  });
}

function messageOf(err: unknown): { text: string; status: number } {
  if (err instanceof DomainError && MESSAGES[err.kind]) return MESSAGES[err.kind];
  throw err;
}

interface FormState {
  next: string;
  username?: string;
  error?: string;
  status?: number;
}

async function signinPage(svc: Services, request: FastifyRequest, reply: FastifyReply, state: FormState): Promise<FastifyReply> {
  const csrf = csrfToken(svc, request, reply);
  const signedIn = await currentUser(svc, request);
  const already = signedIn ? `<p>You are signed in as <strong>@${esc(signedIn.user.username)}</strong>. <a href="${esc(state.next)}">Continue</a></p>` : '';
  return sendPage(reply, {
    title: 'Sign in',
    status: state.status,
    body: `<h1>Sign in</h1>
${already}${errorBlock(state.error)}
<form method="post" action="/signin">
${csrfField(csrf)}<input type="hidden" name="next" value="${esc(state.next)}">
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" required value="${esc(state.username)}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p>No account yet? <a href="/signup?next=${encodeURIComponent(state.next)}">Sign up</a></p>`,
  });
}

async function signupPage(svc: Services, request: FastifyRequest, reply: FastifyReply, state: FormState): Promise<FastifyReply> {
  const csrf = csrfToken(svc, request, reply);
  const settings = await svc.meta.get();
  const invitation = settings.disableRegistration
    ? `<label for="invitationCode">Invitation code</label>
<input type="text" id="invitationCode" name="invitationCode" autocomplete="off" required>`
    : '';
  return sendPage(reply, {
    title: 'Sign up',
    status: state.status,
    body: `<h1>Sign up</h1>
${errorBlock(state.error)}
<form method="post" action="/signup">
${csrfField(csrf)}<input type="hidden" name="next" value="${esc(state.next)}">
${invitation}
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" pattern="\\w{1,20}" maxlength="20" required value="${esc(state.username)}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="new-password" maxlength="1024" required>
<button type="submit">Sign up</button>
</form>
<p>Already have an account? <a href="/signin?next=${encodeURIComponent(state.next)}">Sign in</a></p>`,
  });
}
