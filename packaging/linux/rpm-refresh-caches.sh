#!/bin/sh
# After the .rpm installs or removes Advocate: the desktop's MIME and application caches learn
# (or forget) application/x-advocate and the Advocate entry. Debian's packages do this by
# triggers; RPM-based systems need the scriptlet. Missing tools are not an error.
update-mime-database /usr/share/mime >/dev/null 2>&1 || :
update-desktop-database -q /usr/share/applications >/dev/null 2>&1 || :
gtk-update-icon-cache -q -t /usr/share/icons/hicolor >/dev/null 2>&1 || :
