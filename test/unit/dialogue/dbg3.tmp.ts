import { Chat, chatUnderstander } from './chat.ts';
const u = chatUnderstander();
for (const seq of JSON.parse(process.argv[2]!) as string[][]) {
  const c = new Chat();
  for (const t of seq) {
    const reading = await u.read(t, c.m.context);
    const r = await c.say(t);
    console.log(JSON.stringify(t), reading.clauses.map((x) => `${x.op}:${x.opProb.toFixed(2)} alt ${x.alt.op}:${x.alt.prob.toFixed(2)} ${x.spans.map((s) => `${s.role}[${s.words.join(' ')}]${s.prob.toFixed(2)}`).join(' ')}`).join(' | '), 'unk', reading.utterance.unknown, '->', r.kind, (r as any).confidence, r.reply);
  }
}
