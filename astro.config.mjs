// @ts-check
import node from '@astrojs/node';
import react from '@astrojs/react';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { siteConfig } from './src/config.ts';
import { precompress } from './src/integration/precompress.ts';
import { serverThreads } from './src/integration/server-threads.ts';
import { webContainer } from './src/integration/webcontainer.ts';
import { contentSecurityPolicy } from './src/server/http/csp.ts';

export default defineConfig({
  site: 'http://localhost:4321',
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
  vite: { worker: { format: 'es' } },
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
            { slug: 'why-isolate' },
            { slug: 'virtual-machines' },
            { slug: 'hypervisors' },
            { slug: 'containers' },
            { slug: 'images' },
            { slug: 'containers-and-images' },
            { slug: 'registries' },
            { slug: 'building-images' },
            { slug: 'performance-and-density' },
            { slug: 'security-and-isolation' },
            { slug: 'operations' },
            { slug: 'compose' },
            { slug: 'networking' },
            { slug: 'choosing' },
            { slug: 'container-from-scratch' },
            { slug: 'final-assessment' },
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
            { label: 'Your classes', link: '/classes/', translations: { 'zh-CN': '我的班级' } },
            { label: 'Your account', link: '/account/', translations: { 'zh-CN': '我的账户' } },
          ],
        },
      ],
      components: {
        Header: './src/components/Header.astro',
        PageTitle: './src/components/LessonTitle.astro',
        Search: './src/components/Search.astro',
      },
      // Escapes the <title>, which Starlight writes as raw HTML; people's names and class names reach it.
      routeMiddleware: './src/people/escape-title.ts',
      customCss: ['./src/styles/quayside.css'],
      lastUpdated: false,
    }),
    react(),
    webContainer({ enabled: siteConfig.webContainer }),
    serverThreads(),
    precompress(),
  ],
});
