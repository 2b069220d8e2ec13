"""notice: Vietnamese official notices (Thông báo kết luận, TB-VP and TB-UBND) from YAML
sources to DOCX and PDF, laid out as Nghị định 30/2020/NĐ-CP requires."""

__version__ = "0.1.0"
