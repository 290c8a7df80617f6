import type { QuizInput } from '../../src/schemas/quiz';

const t = (en: string) => ({ en, 'zh-cn': `中文：${en}` });

/** A quiz with one question of every type, for the grading tests. */
export const everyType: QuizInput = {
  id: 'every-type',
  title: t('Every type'),
  questions: [
    {
      id: 'single',
      type: 'single',
      prompt: t('Which kernel does a container use?'),
      options: [
        { id: 'host', text: t('The host kernel'), correct: true, feedback: t('Yes: one kernel.') },
        { id: 'own', text: t('Its own kernel'), feedback: t('That is a VM.') },
      ],
      explanation: t('Containers share the host kernel.'),
    },
    {
      id: 'multi',
      type: 'multiple',
      scoring: 'partial',
      prompt: t('Which are namespaces?'),
      options: [
        { id: 'pid', text: t('pid'), correct: true },
        { id: 'net', text: t('net'), correct: true },
        { id: 'ram', text: t('ram') },
      ],
      explanation: t('pid and net are namespaces.'),
    },
    {
      id: 'all',
      type: 'multiple',
      prompt: t('Type 1 hypervisors?'),
      options: [
        { id: 'esxi', text: t('ESXi'), correct: true },
        { id: 'kvm', text: t('KVM'), correct: true },
        { id: 'vbox', text: t('VirtualBox') },
      ],
      explanation: t('VirtualBox is type 2.'),
    },
    {
      id: 'tf',
      type: 'true-false',
      prompt: t('Images change.'),
      answer: false,
      explanation: t('They never do.'),
    },
    {
      id: 'stack',
      type: 'ordering',
      prompt: t('Order the VM stack from the bottom.'),
      items: [
        { id: 'infra', text: t('Infrastructure') },
        { id: 'host-os', text: t('Host OS') },
        { id: 'hypervisor', text: t('Hypervisor') },
        { id: 'guest', text: t('Guest OS') },
      ],
      explanation: t('Bottom up.'),
    },
    {
      id: 'types',
      type: 'matching',
      scoring: 'partial',
      prompt: t('Match each hypervisor to its type.'),
      targets: [
        { id: 'one', text: t('Type 1') },
        { id: 'two', text: t('Type 2') },
      ],
      items: [
        { id: 'esxi', text: t('ESXi'), match: 'one' },
        { id: 'hyperv', text: t('Hyper-V'), match: 'one' },
        { id: 'vbox', text: t('VirtualBox'), match: 'two' },
        { id: 'workstation', text: t('VMware Workstation'), match: 'two' },
      ],
      explanation: t('Bare metal or on an OS.'),
    },
    {
      id: 'disk',
      type: 'numeric',
      prompt: t('Three 700 MB guests take how many MB?'),
      answer: 2100,
      tolerance: 50,
      unit: 'MB',
      explanation: t('3 x 700.'),
    },
    {
      id: 'word',
      type: 'text',
      prompt: t('What limits a container’s memory?'),
      accept: ['cgroup', 'control groups', '控制组'],
      explanation: t('cgroups.'),
    },
    {
      id: 'cmd',
      type: 'command',
      prompt: t('Run nginx detached, port 8080 to 80, named web.'),
      accept: ['docker run -d --name web -p 8080:80 nginx'],
      explanation: t('Flags before the image.'),
    },
  ],
};
