/**
 * The lines a result must show before its figures: that its rates are regulated forward from an
 * earlier year, for one (the server's `notices`, in the page's language). Nothing when there are none.
 */

export function Notices({ notices }: { notices: readonly string[] | undefined }) {
  if (!notices || notices.length === 0) return null;
  return (
    <div className="notices" role="note" data-notices>
      {notices.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}
