import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from '@slack/web-api/dist/types/request/manifest';
import { parse } from 'yaml';
import { COMMAND } from '../../src/slack/ids';

// The type annotation is the schema check at compile time (tsc covers test/); the assertions cover what a type cannot.
const manifest: Manifest = parse(fs.readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('has the required top-level keys and a valid name', () => {
    expect(manifest.display_information.name.length).toBeGreaterThan(0);
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect((manifest.display_information.description ?? '').length).toBeLessThanOrEqual(140);
    expect(manifest.features?.bot_user?.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });

  it('declares /sentinel with a usage hint, escaping channel mentions', () => {
    const cmd = manifest.features?.slash_commands?.find((c) => c.command === COMMAND);
    expect(cmd).toBeDefined();
    expect(cmd!.usage_hint!.length).toBeGreaterThan(0);
    expect(cmd!.usage_hint!.length).toBeLessThanOrEqual(1000);
    expect(cmd!.description.length).toBeLessThanOrEqual(2000);
    expect(cmd!.should_escape).toBe(true);
  });

  it('has interactivity, the App Home tab and the app_home_opened event', () => {
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.features?.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.settings?.event_subscriptions?.bot_events).toContain('app_home_opened');
  });

  it('requests the scopes the bot uses', () => {
    const scopes = manifest.oauth_config?.scopes?.bot ?? [];
    for (const s of ['commands', 'chat:write', 'chat:write.public', 'users:read', 'usergroups:read', 'channels:history', 'groups:history']) expect(scopes).toContain(s);
  });

  it('points every request URL at /slack/events and keeps Socket Mode off by default', () => {
    const urls = [
      manifest.settings?.interactivity?.request_url,
      manifest.settings?.interactivity?.message_menu_options_url,
      manifest.settings?.event_subscriptions?.request_url,
      ...(manifest.features?.slash_commands ?? []).map((c) => c.url),
    ];
    for (const u of urls) expect(new URL(u!).pathname).toBe('/slack/events');
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
    expect(manifest.settings?.socket_mode_enabled).toBe(false);
    expect(fs.readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')).toMatch(/#.*Socket Mode/);
  });
});
