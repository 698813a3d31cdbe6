"""`make bench`: our build against stock Pelican + i18n_subsites on one synthetic corpus."""
