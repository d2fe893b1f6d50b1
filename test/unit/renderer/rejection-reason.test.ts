import { rejectionReason } from '../../../renderer/src/format/rejection-reason';
import { setLanguage } from '../../../renderer/src/i18n';

describe('rejectionReason', () => {
  afterEach(() => setLanguage('en'));

  it('says why in words for every reason central knows, naming the winning station where it matters', () => {
    const why = (reason: string, winnerStation: string | null = 'pack-02') => rejectionReason({ reason, winnerStation });
    expect(why('user_overwritten')).toBe('Overwritten by a later change at pack-02');
    expect(why('user_overwritten', null)).toBe('Overwritten by a later change at another station');
    expect(why('user_disabled', null)).toBe('Signed in after central had disabled the user');
    expect(why('badge_taken')).toBe('The badge already belongs to another user: the user was saved without it');
    expect(why('child_linked_elsewhere')).toBe('The child bag was already in another parent bag, at pack-02');
    expect(why('child_already_linked')).toBe('The child bag was already linked to this parent bag');
    expect(why('parent_closed')).toBe('The parent bag was already closed');
    expect(why('bag_already_closed')).toBe('The bag had already been closed');
    expect(why('closed_elsewhere')).toBe('The bag had been closed at pack-02');
    expect(why('something_new')).toBe('Rejected by central (something_new)');
  });

  it('speaks the kiosk\'s language', () => {
    setLanguage('de');
    expect(rejectionReason({ reason: 'user_disabled', winnerStation: null })).toBe('Angemeldet, nachdem die Zentrale den Benutzer deaktiviert hatte');
    expect(rejectionReason({ reason: 'user_overwritten', winnerStation: 'pack-02' })).toBe('Von einer späteren Änderung an pack-02 überschrieben');
  });
});
