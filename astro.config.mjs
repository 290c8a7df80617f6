// @ts-check

import { fileURLToPath } from 'node:url';
import node from '@astrojs/node';
import react from '@astrojs/react';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { siteConfig } from './src/config.ts';
import { labPreload } from './src/integration/lab-preload.ts';
import { precompress } from './src/integration/precompress.ts';
import { serverThreads } from './src/integration/server-threads.ts';
import { webContainer } from './src/integration/webcontainer.ts';
import { contentSecurityPolicy } from './src/server/http/csp.ts';

export default defineConfig({
  site: 'http://localhost:4321',
  // The content layer's cache stays with this working copy, not in a node_modules others may share.
  cacheDir: './.astro/cache',
  // staticHeaders: the Content-Security-Policy goes out as a header on prerendered pages too, where
  // frame-ancestors works (a <meta> policy cannot say it).
  adapter: node({ mode: 'standalone', staticHeaders: true }),
  server: { port: 4321 },
  security: {
    csp: contentSecurityPolicy({ webContainer: siteConfig.webContainer }),
    // src/middleware.ts refuses cross-site writes itself, except the LTI messages platforms post.
    checkOrigin: false,
  },
  // Module workers split: what a lab rarely uses (Compose) loads on first use, not with the terminal.
  // Everything the worker imports statically is one chunk: a worker cannot preload its imports, so
  // each level of small chunks would cost a round trip before the first prompt.
  vite: {
    worker: {
      format: 'es',
      rolldownOptions: {
        output: { codeSplitting: { groups: [{ name: 'worker-start', tags: ['$initial'] }] } },
      },
    },
    // Pagefind's search interface loads when a reader reaches for search, not at idle on every page.
    resolve: {
      alias: [
        {
          find: /^@pagefind\/default-ui$/,
          replacement: fileURLToPath(new URL('./src/utils/pagefind-on-demand.ts', import.meta.url)),
        },
      ],
    },
  },
  integrations: [
    starlight({
      title: { en: 'Quayside', 'zh-CN': 'Quayside 码头课堂' },
      description: 'A hands-on course on containers and virtual machines.',
      logo: { src: './src/assets/quayside-mark.svg', alt: '' },
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      sidebar: [
        {
          label: 'Course',
          translations: { 'zh-CN': '课程' },
          items: [
            { slug: 'index', label: 'Overview', translations: { 'zh-CN': '课程概览' } },
            ...siteConfig.course.map((slug) => ({ slug })),
          ],
        },
        {
          label: 'Reference',
          translations: { 'zh-CN': '参考' },
          items: [{ slug: 'glossary' }],
        },
        {
          label: 'Classes',
          translations: { 'zh-CN': '班级' },
          items: [
            { label: 'Your progress', link: '/progress/', translations: { 'zh-CN': '我的学习进度' } },
            { label: 'Your classes', link: '/classes/', translations: { 'zh-CN': '我的班级' } },
            { label: 'Your account', link: '/account/', translations: { 'zh-CN': '我的账户' } },
          ],
        },
      ],
      components: {
        Header: './src/components/Header.astro',
        PageTitle: './src/components/LessonTitle.astro',
        Search: './src/components/Search.astro',
        Sidebar: './src/components/Sidebar.astro',
      },
      // Escapes the <title>, which Starlight writes as raw HTML; people's names and class names reach it.
      routeMiddleware: './src/people/escape-title.ts',
      customCss: ['./src/styles/quayside.css'],
      lastUpdated: false,
    }),
    react(),
    // A lab's interface hydrates when first used; its terminal runs without it (src/lab/client-lab.ts).
    {
      name: 'quayside-client-lab',
      hooks: {
        'astro:config:setup': ({ addClientDirective }) =>
          addClientDirective({
            name: 'lab',
            entrypoint: fileURLToPath(new URL('./src/lab/client-lab.ts', import.meta.url)),
          }),
      },
    },
    webContainer({ enabled: siteConfig.webContainer }),
    serverThreads(),
    labPreload(),
    precompress(),
  ],
});
