import { useBanner } from '../state/banner';

/** The window-wide message; it takes space only while there is something to say. */
export function BannerBar() {
  const banner = useBanner((s) => s.banner);
  const dismiss = useBanner((s) => s.dismiss);
  if (!banner) return null;
  return (
    <div className="banner banner-error" role="alert">
      <p>{banner}</p>
      <button type="button" className="button-quiet" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
