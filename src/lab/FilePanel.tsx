import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';

/** What the file panel asks of the lab: the same filesystem the shell sees, as the learner. */
export interface FileApi {
  ls(path: string): Promise<{ name: string; dir: boolean }[] | { error: string }>;
  read(path: string): Promise<{ text: string } | { error: string }>;
  write(path: string, text: string): Promise<{ ok: true } | { error: string }>;
}

export interface FilePanelProps {
  api: FileApi;
  /** The shell's working directory; the panel starts there and follows it. */
  cwd: string;
  /** Changes after every command, so the listing shows what the command did. */
  revision: number;
  labels: { files: string; newFile: string; save: string; saved: string; editorFor: string };
}

/** Dockerfiles and shell scripts get highlighting; everything else is plain text. */
function languageFor(path: string) {
  const name = path.split('/').pop() ?? '';
  if (/^Dockerfile|\.dockerfile$/i.test(name)) return [StreamLanguage.define(dockerFile)];
  if (/\.(sh|bash)$/.test(name) || name === '.bashrc' || name === '.profile')
    return [StreamLanguage.define(shell)];
  return [];
}

const theme = EditorView.theme({
  '&': { color: 'var(--sl-color-white)', backgroundColor: 'var(--sl-color-bg-nav)', height: '100%' },
  '.cm-gutters': {
    backgroundColor: 'var(--sl-color-gray-6)',
    color: 'var(--sl-color-gray-3)',
    border: 'none',
  },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--sl-color-gray-6)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--sl-color-accent-high)' },
});

/** A file browser and CodeMirror editor over the lab's filesystem. */
export default function FilePanel({ api, cwd, revision, labels }: FilePanelProps) {
  const [dir, setDir] = useState(cwd);
  const [entries, setEntries] = useState<{ name: string; dir: boolean }[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [newName, setNewName] = useState('');
  const editorHost = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);

  useEffect(() => setDir(cwd), [cwd]);

  // `revision` changes after every command: list again to show what it did.
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the trigger, not an input
  useEffect(() => {
    let live = true;
    void api.ls(dir).then((result) => {
      if (!live) return;
      if ('error' in result) setStatus(result.error);
      else
        setEntries([...result].sort((a, b) => Number(b.dir) - Number(a.dir) || a.name.localeCompare(b.name)));
    });
    return () => {
      live = false;
    };
  }, [api, dir, revision]);

  const save = async () => {
    if (!open || !view.current) return;
    const result = await api.write(open, view.current.state.doc.toString());
    setStatus('error' in result ? `${open}: ${result.error}` : `${labels.saved} ${open}`);
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  const openFile = async (path: string, initial?: string) => {
    const text = initial ?? (await api.read(path));
    if (typeof text !== 'string' && 'error' in text) {
      setStatus(`${path}: ${text.error}`);
      return;
    }
    setOpen(path);
    setStatus('');
    view.current?.destroy();
    if (!editorHost.current) return;
    view.current = new EditorView({
      parent: editorHost.current,
      state: EditorState.create({
        doc: typeof text === 'string' ? text : text.text,
        extensions: [
          lineNumbers(),
          highlightActiveLine(),
          history(),
          syntaxHighlighting(defaultHighlightStyle),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          theme,
          ...languageFor(path),
          keymap.of([
            {
              key: 'Mod-s',
              preventDefault: true,
              run: () => {
                void saveRef.current();
                return true;
              },
            },
          ]),
          EditorView.contentAttributes.of({ 'aria-label': `${labels.editorFor} ${path}` }),
        ],
      }),
    });
  };

  useEffect(() => () => view.current?.destroy(), []);

  const join = (name: string) =>
    name === '..' ? dir.replace(/\/[^/]+$/, '') || '/' : `${dir === '/' ? '' : dir}/${name}`;

  return (
    <div className="lab-files">
      <nav className="lab-tree" aria-label={labels.files}>
        <p className="lab-dir">{dir}</p>
        <ul>
          {dir !== '/' && (
            <li>
              <button type="button" onClick={() => setDir(join('..'))}>
                ../
              </button>
            </li>
          )}
          {entries.map((e) => (
            <li key={e.name}>
              <button
                type="button"
                onClick={() => (e.dir ? setDir(join(e.name)) : void openFile(join(e.name)))}
              >
                {e.dir ? `${e.name}/` : e.name}
              </button>
            </li>
          ))}
        </ul>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (newName.trim()) void openFile(join(newName.trim()), '');
            setNewName('');
          }}
        >
          <input
            aria-label={labels.newFile}
            placeholder={labels.newFile}
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
          />
        </form>
      </nav>
      <div className="lab-editor">
        <div className="lab-editor-bar">
          <span>{open ?? ''}</span>
          <button type="button" disabled={!open} onClick={() => void save()}>
            {labels.save}
          </button>
          <span role="status">{status}</span>
        </div>
        <div ref={editorHost} className="lab-editor-host" />
      </div>
    </div>
  );
}
