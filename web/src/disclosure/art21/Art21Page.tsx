import { Art21Detail } from './Art21Detail.tsx';
import { Art21Intake } from './Art21Intake.tsx';
import { Art21List } from './Art21List.tsx';
import { Art21Viewing } from './Art21Viewing.tsx';

/** Art. 21 viewing requests: #/art21, #/art21/new, #/art21/<id>, #/art21/view/<session>. */
export function Art21Page({ parts, mayApprove, mayPlayback, userId }: { parts: string[]; mayApprove: boolean; mayPlayback: boolean; userId: string }) {
  const [first, second] = parts;
  if (first === 'new') return <Art21Intake />;
  if (first === 'view' && second) return <Art21Viewing sessionId={second} />;
  if (first) return <Art21Detail id={first} mayApprove={mayApprove} mayPlayback={mayPlayback} userId={userId} />;
  return <Art21List mayIntake={mayPlayback} />;
}
