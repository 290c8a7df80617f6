import { describe, expect, it } from 'vitest';
import { nextLabName } from '../../src/lab/lab-name';

const en = { numbered: 'Lab {n}', titled: 'Lab {n}: {title}' };
const zh = { numbered: '实验 {n}', titled: '实验 {n}：{title}' };

describe('nextLabName', () => {
  it('numbers the labs of one page in order, with an exercise’s title', () => {
    const page = {};
    expect(nextLabName(page, en, undefined)).toBe('Lab 1');
    expect(nextLabName(page, en, 'Your first web server')).toBe('Lab 2: Your first web server');
  });

  it('starts again on every page, in its language', () => {
    expect(nextLabName({}, zh, '在容器里跑起第一个 Web 服务器')).toBe(
      '实验 1：在容器里跑起第一个 Web 服务器',
    );
    expect(nextLabName({}, zh, undefined)).toBe('实验 1');
  });
});
