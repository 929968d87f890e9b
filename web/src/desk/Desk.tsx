import { AssetPage } from './AssetPage.tsx';
import { CommissionPage } from './CommissionPage.tsx';
import { ConsentPage } from './ConsentPage.tsx';
import { DeskHome } from './DeskHome.tsx';
import { SignPage } from './SignPage.tsx';
import { SitePage } from './SitePage.tsx';
import { UnitPage } from './UnitPage.tsx';
import { ZonePage } from './ZonePage.tsx';

/**
 * #/desk, #/desk/<kind>/<id> and #/desk/<kind>/new (?site=… or ?unit=… for the parent). Each page is
 * keyed by its id, so going from "new" to the saved record starts from the stored record.
 */
export function Desk({ parts, params }: { parts: string[]; params: URLSearchParams }) {
  const [kind, arg] = parts;
  const id = arg && arg !== 'new' ? arg : undefined;
  const site = params.get('site');
  const unit = params.get('unit');
  const key = `${kind ?? ''}/${arg ?? ''}`;
  switch (kind) {
    case 'units':
      return <UnitPage key={key} id={id} />;
    case 'sites':
      return <SitePage key={key} id={id} unit={unit} />;
    case 'zones':
      return <ZonePage key={key} id={id} site={site} />;
    case 'signs':
      return <SignPage key={key} id={id} site={site} />;
    case 'consents':
      return <ConsentPage key={key} id={id} site={site} />;
    case 'commissions':
      return <CommissionPage key={key} id={id} unit={unit} />;
    case 'assets':
      return <AssetPage key={key} id={id} site={site} />;
    default:
      return <DeskHome />;
  }
}
