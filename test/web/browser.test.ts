import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is not installed (apt-get install chromium)`;

describe('in a real browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  // The application's callback endpoint, on its own origin.
  let appServer: http.Server;
  let callbackUrl: string;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    await server.createUser('alice', 'alice-pw');
    appServer = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('app callback'));
    await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}/cb`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => appServer?.close(resolve));
    await server?.close();
  });

  test('a user signs in, accepts a MiAuth request and lands on the callback with the session', async () => {
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('alice-pw');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/settings/api`);

    const session = randomUUID();
    const query = new URLSearchParams({ name: 'Browser App', permission: 'write:notes,read:account', callback: callbackUrl });
    await page.goto(`${server.url}/miauth/${session}?${query}`);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Browser App wants to access your account');
    assert.ok(await page.getByText('Post and delete notes').isVisible());
    assert.ok(await page.getByText('Read your account information').isVisible());

    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL((url) => url.href.startsWith(callbackUrl));
    assert.equal(new URL(page.url()).searchParams.get('session'), session);

    const check = await server.post(`miauth/${session}/check`);
    assert.equal(check.body.ok, true);
    assert.equal(check.body.user.username, 'alice');
    const note = await server.api(check.body.token).request('notes/create', { text: 'hello from the browser app' });
    assert.equal(note.createdNote.user.username, 'alice');
  });

  test('a user issues and revokes a token under Settings > API', async () => {
    await page.goto(`${server.url}/settings/api`);
    await page.getByLabel('Name').fill('Browser token');
    await page.getByRole('checkbox', { name: /\(read:account\)/ }).check();
    await page.getByRole('button', { name: 'Issue token' }).click();
    const token = (await page.locator('#new-token').innerText()).trim();
    assert.equal((await server.api(token).request('i', {})).username, 'alice');

    await page.getByRole('button', { name: 'Revoke Browser token' }).click();
    await page.waitForURL(`${server.url}/settings/api`);
    assert.equal(await page.getByRole('button', { name: 'Revoke Browser token' }).count(), 0);
    assert.equal((await server.post('i', { i: token })).status, 401);
  });
});
