"""What a document is, before any file exists: the registry of document types and issuers
(title "THÔNG BÁO", tên loại "TB", the kinds TB-VP / TB-UBND, their template and checker profile)
and the Vietnamese text rules of NĐ 30 (dates, numbers, Quốc hiệu, Tiêu ngữ).

May import: `generator.errors`, `generator.files`. Everything else may import it."""
