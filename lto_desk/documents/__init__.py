"""Printed pages (ReportLab): receipts, letters, statements, reports → PDF bytes.

Takes plain data; knows nothing of the database or Qt.
"""
