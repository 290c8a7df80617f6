// LTI platform storage (lti_storage_target): where this frame keeps no cookies, the login's state is
// kept in the platform's window (put, before the platform authorises) and read back at the launch
// (get); only a state found there lets the launch go on. Messages go to, and are taken from, the
// platform's origin only.
const box = document.getElementById('lti-storage');
const { mode, target, origin, key, value, next } = box.dataset;

function ask(subject, fields) {
  return new Promise((resolve, reject) => {
    const id = crypto.randomUUID();
    const frame = target === '_parent' ? window.parent : window.parent.frames[target];
    const timer = setTimeout(() => done(new Error('the platform did not answer')), 3000);
    function done(error, answer) {
      clearTimeout(timer);
      removeEventListener('message', listen);
      error ? reject(error) : resolve(answer);
    }
    function listen(event) {
      if (event.origin !== origin || event.data?.message_id !== id) return;
      if (event.data.subject !== `${subject}.response`) return;
      done(event.data.error ? new Error(event.data.error.message ?? 'refused') : undefined, event.data);
    }
    addEventListener('message', listen);
    if (!frame) return done(new Error('no storage frame'));
    frame.postMessage({ subject, message_id: id, ...fields }, origin);
  });
}

if (mode === 'put') {
  ask('lti.put_data', { key, value })
    .catch(() => {})
    .finally(() => location.replace(next));
} else {
  ask('lti.get_data', { key })
    .then((answer) => {
      if (answer.value !== value) throw new Error('another state');
      document.forms[0].submit();
    })
    .catch(() => {
      box.hidden = false;
    });
}
