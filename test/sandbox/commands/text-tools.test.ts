import { describe, expect, it } from 'vitest';
import { type RecordedCase, runRecorded } from './recorded.ts';

// Expected output recorded from the real tools on Debian 12 (see recorded.ts), byte for byte.
const GNU: RecordedCase[] = [
  {
    cmd: "awk -F: '{ print $NF }' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '/bin/bash\n/usr/sbin/nologin\n/bin/bash\n/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk -F: '$3 >= 1000 { print $1 }' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'learner\nbob\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed -n '/^root/p' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root:x:0:0:root:/root:/bin/bash\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk -F: -v OFS='\\t' '{ print $1, $7 }' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root\t/bin/bash\ndaemon\t/usr/sbin/nologin\nlearner\t/bin/bash\nbob\t/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed 's/^[ \\t]*//' t.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'lead space\ntrail space   \n\nTabbed line\nlast one\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed 's/\\s\\+$//' t.txt | sed -n l",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '  lead space$\ntrail space$\n$\n\\tTabbed line$\nlast one$\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed '/^$/d' t.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '  lead space\ntrail space   \n\tTabbed line\nlast one\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'{ $1=""; print substr($0, 2) }\' passwd',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '\n\n\n\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk 'length > 20' t.txt passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk '{ print NR, length($0) }' t.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '1 12\n2 14\n3 0\n4 12\n5 8\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed 's/[aeiou]//2g' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'rot:x:0:0:rt:/rt:/bn/bsh\ndamn:x:1:1:dmn:/sr/sbn:/sr/sbn/nlgn\nlernr:x:1000:1000:Lrnr:/hm/lrnr:/bn/bsh\nbob:x:1001:1001::/hm/bb:/bn/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "echo 'Hello World' | awk '{ print tolower($0), toupper($1) }'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'hello world HELLO\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "seq 10 | awk '{s+=$1} END {print s}'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '55\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "seq 1 5 | sed -n '2~2p'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '2\n4\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk 'NR==FNR { a[$1]; next } $1 in a' a b",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'k1 one\nk3 three\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'echo \'a,b,c\' | awk \'BEGIN{FS=","; OFS="-"} {$1=$1; print}\'',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'a-b-c\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "printf '%s\\n' b a c | sort | awk '{printf \"%d:%s\\n\", NR, $0}'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '1:a\n2:b\n3:c\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'{ printf "%s%s", sep, $0; sep="," } END { print "" }\' a',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'k1,k3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "echo '12-34 56-78' | sed -E 's/([0-9]+)-([0-9]+)/\\2-\\1/g'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '34-12 78-56\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "echo 'path/to/file.txt' | awk -F/ '{print $NF}'; echo 'path/to/file.txt' | sed 's|.*/||'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'file.txt\nfile.txt\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed = passwd | sed 'N; s/^/     /; s/ *\\(.\\{6,\\}\\)\\n/\\1  /'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '     1  root:x:0:0:root:/root:/bin/bash\n     2  daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n     3  learner:x:1000:1000:Learner:/home/learner:/bin/bash\n     4  bob:x:1001:1001::/home/bob:/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed '$!N;$!D' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'learner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed '1~3d' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'{ gsub(/^[ \\t]+|[ \\t]+$/, ""); print "[" $0 "]" }\' t.txt',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '[lead space]\n[trail space]\n[]\n[Tabbed line]\n[last one]\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -n -A1 bash passwd t.txt',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'passwd:1:root:x:0:0:root:/root:/bin/bash\npasswd-2-daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\npasswd:3:learner:x:1000:1000:Learner:/home/learner:/bin/bash\npasswd-4-bob:x:1001:1001::/home/bob:/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "grep -c '' passwd t.txt; grep -B1 -n Tab t.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'passwd:4\nt.txt:5\n3-\n4:\tTabbed line\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk -F: '{ users[$7]++ } END { for (s in users) print s, users[s] }' passwd | sort",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '/bin/bash 2\n/bin/sh 1\n/usr/sbin/nologin 1\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed -n '2,${p}' a",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'k3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk 'END { print NR }' passwd t.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '9\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed 's/:.*//' passwd | xargs echo",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root daemon learner bob\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'cut -d: -f1 passwd | xargs -n2 echo pair:',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'pair: root daemon\npair: learner bob\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk -F: \'{ printf "%-10s %5d\\n", $1, $3 }\' passwd',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root           0\ndaemon         1\nlearner     1000\nbob         1001\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed -e 's/bash/zsh/w changed.txt' passwd > /dev/null; cat changed.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root:x:0:0:root:/root:/bin/zsh\nlearner:x:1000:1000:Learner:/home/learner:/bin/zsh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'BEGIN { while ((getline line < "a") > 0) n++; print n }\'',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '2\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "echo 'x=1;y=2' | awk -F';' '{ for (i = 1; i <= NF; i++) { split($i, kv, \"=\"); print kv[1], kv[2] } }'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'x 1\ny 2\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed -i 's/bin\\/sh/bin\\/bash/' passwd; grep -c bash passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'/learner/ { print FILENAME ":" FNR }\' passwd t.txt',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'passwd:3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "printf 'b 2\\na 1\\nc 3\\n' | sort -k2 | awk '{print $1}'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'a\nb\nc\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'BEGIN { x = "A"; y = x x x; print y, length(y) }\'',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'AAA 3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'{ print > ($1 ".out") }\' b; cat k2.out',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'k2 two\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "echo 'one two three' | awk '{ for (i = NF; i > 0; i--) printf \"%s%s\", $i, (i > 1 ? OFS : ORS) }'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'three two one\n',
    err: '',
    rc: '0',
  },
];

const BUSYBOX: RecordedCase[] = [
  {
    cmd: "awk -F: '{ print $NF }' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '/bin/bash\n/usr/sbin/nologin\n/bin/bash\n/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk -F: '$3 >= 1000 { print $1 }' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'learner\nbob\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed -n '/^root/p' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root:x:0:0:root:/root:/bin/bash\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk -F: -v OFS='\\t' '{ print $1, $7 }' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root\t/bin/bash\ndaemon\t/usr/sbin/nologin\nlearner\t/bin/bash\nbob\t/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed 's/^[ \\t]*//' t.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'lead space\ntrail space   \n\nTabbed line\nlast one\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed '/^$/d' t.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '  lead space\ntrail space   \n\tTabbed line\nlast one\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'{ $1=""; print substr($0, 2) }\' passwd',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '\n\n\n\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk 'length > 20' t.txt passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk '{ print NR, length($0) }' t.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '1 12\n2 14\n3 0\n4 12\n5 8\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed 's/[aeiou]//2g' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'rt:x:0:0:rt:/rt:/bn/bsh\ndmn:x:1:1:dmn:/sr/sbn:/sr/sbn/nlgn\nlrnr:x:1000:1000:Lrnr:/hm/lrnr:/bn/bsh\nbb:x:1001:1001::/hm/bb:/bn/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "echo 'Hello World' | awk '{ print tolower($0), toupper($1) }'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'hello world HELLO\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk 'NR==FNR { a[$1]; next } $1 in a' a b",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'k1 one\nk3 three\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'echo \'a,b,c\' | awk \'BEGIN{FS=","; OFS="-"} {$1=$1; print}\'',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'a-b-c\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'{ printf "%s%s", sep, $0; sep="," } END { print "" }\' a',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'k1,k3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "echo '12-34 56-78' | sed -E 's/([0-9]+)-([0-9]+)/\\2-\\1/g'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '34-12 78-56\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "echo 'path/to/file.txt' | awk -F/ '{print $NF}'; echo 'path/to/file.txt' | sed 's|.*/||'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'file.txt\nfile.txt\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed = passwd | sed 'N; s/^/     /; s/ *\\(.\\{6,\\}\\)\\n/\\1  /'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '     1  root:x:0:0:root:/root:/bin/bash\n     2  daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n     3  learner:x:1000:1000:Learner:/home/learner:/bin/bash\n     4  bob:x:1001:1001::/home/bob:/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed '$!N;$!D' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'learner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed '1~3d' passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '',
    err: 'sed: unsupported command ~\n',
    rc: '1',
  },
  {
    cmd: 'awk \'{ gsub(/^[ \\t]+|[ \\t]+$/, ""); print "[" $0 "]" }\' t.txt',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '[lead space]\n[trail space]\n[]\n[Tabbed line]\n[last one]\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -n -A1 bash passwd t.txt',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'passwd:1:root:x:0:0:root:/root:/bin/bash\npasswd-2-daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\npasswd:3:learner:x:1000:1000:Learner:/home/learner:/bin/bash\npasswd-4-bob:x:1001:1001::/home/bob:/bin/sh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "grep -c '' passwd t.txt; grep -B1 -n Tab t.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'passwd:4\nt.txt:5\n3-\n4:\tTabbed line\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed -n '2,${p}' a",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'k3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "awk 'END { print NR }' passwd t.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '9\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed 's/:.*//' passwd | xargs echo",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root daemon learner bob\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk -F: \'{ printf "%-10s %5d\\n", $1, $3 }\' passwd',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root           0\ndaemon         1\nlearner     1000\nbob         1001\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed -e 's/bash/zsh/w changed.txt' passwd > /dev/null; cat changed.txt",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'root:x:0:0:root:/root:/bin/zsh\nlearner:x:1000:1000:Learner:/home/learner:/bin/zsh\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'BEGIN { while ((getline line < "a") > 0) n++; print n }\'',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '2\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "echo 'x=1;y=2' | awk -F';' '{ for (i = 1; i <= NF; i++) { split($i, kv, \"=\"); print kv[1], kv[2] } }'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'x 1\ny 2\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "sed -i 's/bin\\/sh/bin\\/bash/' passwd; grep -c bash passwd",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: '3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'/learner/ { print FILENAME ":" FNR }\' passwd t.txt',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'passwd:3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'BEGIN { x = "A"; y = x x x; print y, length(y) }\'',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'AAA 3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'awk \'{ print > ($1 ".out") }\' b; cat k2.out',
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'k2 two\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "echo 'one two three' | awk '{ for (i = NF; i > 0; i--) printf \"%s%s\", $i, (i > 1 ? OFS : ORS) }'",
    files: {
      passwd:
        'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n',
      't.txt': '  lead space\ntrail space   \n\n\tTabbed line\nlast one\n',
      a: 'k1\nk3\n',
      b: 'k1 one\nk2 two\nk3 three\n',
    },
    out: 'three two one\n',
    err: '',
    rc: '0',
  },
];

describe('grep, sed, awk and xargs as tutorials use them (gnu) as the real tool prints it', () => {
  it.each(GNU)('$cmd', async (c) => {
    expect(await runRecorded('gnu', c)).toEqual({ out: c.out, err: c.err, rc: c.rc });
  });
});

describe('grep, sed, awk and xargs as tutorials use them (busybox) as the real tool prints it', () => {
  it.each(BUSYBOX)('$cmd', async (c) => {
    expect(await runRecorded('busybox', c)).toEqual({ out: c.out, err: c.err, rc: c.rc });
  });
});
