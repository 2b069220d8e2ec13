"""Signing: the empty signature field over ô 7c, the Phụ lục VI metadata sidecar, the
signature appearance, PAdES signing with pyHanko and verification.

May import: `generator.source`, `generator.profile`, `generator.files`, `generator.errors`."""
