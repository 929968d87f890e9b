import { useEffect, useState, type RefObject } from 'react';

/** How long an element must stay out of view before it counts as out (layout shifts flap). */
const OUT_AFTER_MS = 1500;

/**
 * Whether the element is on screen (tiles out of view pause): false until the first observation, so
 * nothing opens twice, and false again only after it has stayed out of view for a moment.
 */
export function useInView(ref: RefObject<Element | null>): boolean {
  const [inView, setInView] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        clearTimeout(timer);
        if (entries.some((e) => e.isIntersecting)) setInView(true);
        else timer = setTimeout(() => setInView(false), OUT_AFTER_MS);
      },
      { threshold: 0.01 },
    );
    observer.observe(element);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [ref]);
  return inView;
}
