// The suite must visit every page the app can serve: a GET route missing from
// the inventory fails here.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.ts';
import { DATA_ROUTES, getRoutes, PAGE_ROUTES } from './inventory.ts';

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
});
afterAll(() => target.close());

it('knows every GET route of the app', () => {
  expect(getRoutes(target.app)).toEqual([...PAGE_ROUTES, ...DATA_ROUTES].sort());
});
