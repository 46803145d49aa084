<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>CertificatesPage</name>
        <message numerus="yes">
            <source>%n certificate(s)</source>
            <translation>
                <numerusform>%n certificate</numerusform>
                <numerusform>%n certificates</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Issued %n certificate(s).</source>
            <translation>
                <numerusform>Issued %n certificate.</numerusform>
                <numerusform>Issued %n certificates.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Sent %n page(s) to the printer.</source>
            <translation>
                <numerusform>Sent %n page to the printer.</numerusform>
                <numerusform>Sent %n pages to the printer.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CheckDialog</name>
        <message numerus="yes">
            <source>%n problem(s) found. Repair recomputes the summaries from the records.</source>
            <translation>
                <numerusform>%n problem found. Repair recomputes the summaries from the records.</numerusform>
                <numerusform>%n problems found. Repair recomputes the summaries from the records.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n problem(s) found that a repair cannot recompute; restore a backup or correct the records named below.</source>
            <translation>
                <numerusform>%n problem found that a repair cannot recompute; restore a backup or correct the records named below.</numerusform>
                <numerusform>%n problems found that a repair cannot recompute; restore a backup or correct the records named below.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HarvestModel</name>
        <message numerus="yes">
            <source>On %n shipment line(s)</source>
            <translation>
                <numerusform>On %n shipment line</numerusform>
                <numerusform>On %n shipment lines</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HarvestsPage</name>
        <message numerus="yes">
            <source>%1 harvest lot(s)</source>
            <translation>
                <numerusform>%1 harvest lot</numerusform>
                <numerusform>%1 harvest lots</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message numerus="yes">
            <source>%n change(s) recorded in the audit log.</source>
            <translation>
                <numerusform>%n change recorded in the audit log.</numerusform>
                <numerusform>%n changes recorded in the audit log.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>IdListPage</name>
        <message numerus="yes">
            <source>%n shipment line(s)</source>
            <translation>
                <numerusform>%n shipment line</numerusform>
                <numerusform>%n shipment lines</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n certificate(s)</source>
            <translation>
                <numerusform>%n certificate</numerusform>
                <numerusform>%n certificates</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n shipment(s)</source>
            <translation>
                <numerusform>%n shipment</numerusform>
                <numerusform>%n shipments</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n harvest lot(s)</source>
            <translation>
                <numerusform>%n harvest lot</numerusform>
                <numerusform>%n harvest lots</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n payment(s)</source>
            <translation>
                <numerusform>%n payment</numerusform>
                <numerusform>%n payments</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n plot(s)</source>
            <translation>
                <numerusform>%n plot</numerusform>
                <numerusform>%n plots</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n buyer(s)</source>
            <translation>
                <numerusform>%n buyer</numerusform>
                <numerusform>%n buyers</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n × %1</source>
            <translation>
                <numerusform>%n × %1</numerusform>
                <numerusform>%n × %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Copied %n row(s).</source>
            <translation>
                <numerusform>Copied %n row.</numerusform>
                <numerusform>Copied %n rows.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportProblemsDialog</name>
        <message numerus="yes">
            <source>%n problem(s) in %1. Nothing was imported: correct the file and import it again.</source>
            <translation>
                <numerusform>%n problem in %1. Nothing was imported: correct the file and import it again.</numerusform>
                <numerusform>%n problems in %1. Nothing was imported: correct the file and import it again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PasteDialog</name>
        <message numerus="yes">
            <source>%n row(s) pasted</source>
            <translation>
                <numerusform>%n row pasted</numerusform>
                <numerusform>%n rows pasted</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cell(s) to fix or drop (see their tooltips)</source>
            <translation>
                <numerusform>%n cell to fix or drop (see their tooltips)</numerusform>
                <numerusform>%n cells to fix or drop (see their tooltips)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) with problems</source>
            <translation>
                <numerusform>%n row with problems</numerusform>
                <numerusform>%n rows with problems</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) ready to save</source>
            <translation>
                <numerusform>%n row ready to save</numerusform>
                <numerusform>%n rows ready to save</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RecordBrowser</name>
        <message numerus="yes">
            <source>%n payment(s)</source>
            <translation>
                <numerusform>%n payment</numerusform>
                <numerusform>%n payments</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n selected</source>
            <translation>
                <numerusform>%n selected</numerusform>
                <numerusform>%n selected</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n record(s)?</source>
            <translation>
                <numerusform>Delete %n record?</numerusform>
                <numerusform>Delete %n records?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Copied %n row(s)</source>
            <translation>
                <numerusform>Copied %n row</numerusform>
                <numerusform>Copied %n rows</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RecordImporter</name>
        <message numerus="yes">
            <source>%1 is correct: %n record(s). Import them?</source>
            <translation>
                <numerusform>%1 is correct: %n record. Import them?</numerusform>
                <numerusform>%1 is correct: %n records. Import them?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Import %n record(s)</source>
            <translation>
                <numerusform>Import %n record</numerusform>
                <numerusform>Import %n records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Imported %n record(s) from %1.</source>
            <translation>
                <numerusform>Imported %n record from %1.</numerusform>
                <numerusform>Imported %n records from %1.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message numerus="yes">
            <source>Already in %1: %n report(s) of this period.
Replace?</source>
            <translation>
                <numerusform>Already in %1: %n report of this period.
Replace?</numerusform>
                <numerusform>Already in %1: %n reports of this period.
Replace?</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message numerus="yes">
            <source>%n backup(s).</source>
            <translation>
                <numerusform>%n backup.</numerusform>
                <numerusform>%n backups.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SelectionSummary</name>
        <message numerus="yes">
            <source>%n cell(s)</source>
            <translation>
                <numerusform>%n cell</numerusform>
                <numerusform>%n cells</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShipmentForm</name>
        <message numerus="yes">
            <source>%n line(s)</source>
            <translation>
                <numerusform>%n line</numerusform>
                <numerusform>%n lines</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n line cell(s) to fix (marked red) or remove the line</source>
            <translation>
                <numerusform>%n line cell to fix (marked red) or remove the line</numerusform>
                <numerusform>%n line cells to fix (marked red) or remove the line</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShipmentImporter</name>
        <message numerus="yes">
            <source>Import %n shipment(s)</source>
            <translation>
                <numerusform>Import %n shipment</numerusform>
                <numerusform>Import %n shipments</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Imported %n shipment(s) from %1.</source>
            <translation>
                <numerusform>Imported %n shipment from %1.</numerusform>
                <numerusform>Imported %n shipments from %1.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShipmentsPage</name>
        <message numerus="yes">
            <source>Exported %n shipment line(s) to %1.</source>
            <translation>
                <numerusform>Exported %n shipment line to %1.</numerusform>
                <numerusform>Exported %n shipment lines to %1.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 shipment(s)</source>
            <translation>
                <numerusform>%1 shipment</numerusform>
                <numerusform>%1 shipments</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>commands</name>
        <message numerus="yes">
            <source>Add %n record(s)</source>
            <translation>
                <numerusform>Add %n record</numerusform>
                <numerusform>Add %n records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Edit %n record(s)</source>
            <translation>
                <numerusform>Edit %n record</numerusform>
                <numerusform>Edit %n records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n record(s)</source>
            <translation>
                <numerusform>Delete %n record</numerusform>
                <numerusform>Delete %n records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Archive %n record(s)</source>
            <translation>
                <numerusform>Archive %n record</numerusform>
                <numerusform>Archive %n records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Restore %n record(s) from the archive</source>
            <translation>
                <numerusform>Restore %n record from the archive</numerusform>
                <numerusform>Restore %n records from the archive</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>database</name>
        <message numerus="yes">
            <source>Waiting for another program to finish writing to the database… (%n s)</source>
            <translation>
                <numerusform>Waiting for another program to finish writing to the database… (%n s)</numerusform>
                <numerusform>Waiting for another program to finish writing to the database… (%n s)</numerusform>
            </translation>
        </message>
    </context>
</TS>
