"""The images a signature shows, made for the tests: the signer's blue stroke (R-E-SIGNER)
and a red seal 40 mm across at 300 dpi (R-E-ORG), both on a transparent background."""

from __future__ import annotations

from pathlib import Path


def write_signature_images(folder: Path) -> tuple[Path, Path]:
    """`chu-ky.png` and `dau.png` in `folder`; their paths."""
    from PIL import Image, ImageDraw

    signature = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
    ImageDraw.Draw(signature).line(
        [(20, 200), (140, 40), (230, 190), (330, 60), (580, 120)], fill=(20, 40, 200, 255), width=10
    )
    seal = Image.new("RGBA", (472, 472), (0, 0, 0, 0))
    ImageDraw.Draw(seal).ellipse([4, 4, 468, 468], outline=(220, 0, 0, 230), width=14)
    paths = folder / "chu-ky.png", folder / "dau.png"
    signature.save(paths[0])
    seal.save(paths[1])
    return paths
