/**
 * VBoxManage 7.0.16's usage, as it prints it after a syntax error: each synopsis, in order, with the
 * command it belongs to (recorded from Ubuntu 24.04's virtualbox 7.0.16-dfsg-2; conformance/vbox.yaml,
 * vbox-invalid-command). A synopsis that begins with a newline follows an extra blank line.
 */
export const VBOX_SYNOPSES: [command: string, synopsis: string][] = [
  [
    'VBoxManage',
    '  VBoxManage [-V | --version] [--dump-build-type] [-q | --nologo]\n      [--settingspw=password] [--settingspwfile=pw-file] [@response-file]\n      [[help] subcommand]',
  ],
  [
    'list',
    '\n  VBoxManage list [--long] [--sorted] [bridgedifs | cloudnets | cloudprofiles |\n      cloudproviders | cpu-profiles | dhcpservers | dvds | extpacks | floppies\n      | groups | hddbackends | hdds | hostcpuids | hostdrives | hostdvds |\n      hostfloppies | hostinfo | hostonlyifs | hostonlynets | intnets | natnets\n      | ostypes | runningvms | screenshotformats | systemproperties |\n      usbfilters | usbhost | vms | webcams]',
  ],
  [
    'showvminfo',
    '\n  VBoxManage showvminfo <uuid | vmname> [--details] [--machinereadable]\n      [--password-id] [--password]',
  ],
  [
    'showvminfo',
    '  VBoxManage showvminfo <uuid | vmname> <--log=index> [--password-id id]\n      [--password file|-]',
  ],
  ['registervm', '\n  VBoxManage registervm <filename> --password file'],
  ['unregistervm', '\n  VBoxManage unregistervm <uuid | vmname> [--delete] [--delete-all]'],
  [
    'createvm',
    '\n  VBoxManage createvm <--name=name> [--basefolder=basefolder] [--default]\n      [--groups=group-ID,...] [--ostype=ostype] [--register] [--uuid=uuid]\n      [--cipher cipher] [--password-id password-id] [--password file]',
  ],
  [
    'modifyvm',
    '\n  VBoxManage modifyvm <uuid | vmname> [--name=name] [--groups= \n      group [,group...] ] [--description=description] [--os-type=OS-type]\n      [--icon-file=filename] [--memory=size-in-MB] [--page-fusion= on | off ]\n      [--vram=size-in-MB] [--acpi= on | off ] [--ioapic= on | off ]\n      [--hardware-uuid=UUID] [--cpus=CPU-count] [--cpu-hotplug= on | off ]\n      [--plug-cpu=CPU-ID] [--unplug-cpu=CPU-ID] [--cpu-execution-cap=number]\n      [--pae= on | off ] [--long-mode= on | off ] [--ibpb-on-vm-exit= on | off\n      ] [--ibpb-on-vm-entry= on | off ] [--spec-ctrl= on | off ]\n      [--l1d-flush-on-sched= on | off ] [--l1d-flush-on-vm-entry= on | off ]\n      [--mds-clear-on-sched= on | off ] [--mds-clear-on-vm-entry= on | off ]\n      [--cpu-profile= host | Intel 8086 | Intel 80286 | Intel 80386 ] [--hpet=\n      on | off ] [--hwvirtex= on | off ] [--triple-fault-reset= on | off ]\n      [--apic= on | off ] [--x2apic= on | off ] [--paravirt-provider= none |\n      default | legacy | minimal | hyperv | kvm ] [--paravirt-debug= \n      key=value [,key=value...] ] [--nested-paging= on | off ] [--large-pages=\n      on | off ] [--vtx-vpid= on | off ] [--vtx-ux= on | off ]\n      [--nested-hw-virt= on | off ] [--virt-vmsave-vmload= on | off ]\n      [--accelerate-3d= on | off ] [--accelerate-2d-video= on | off ]\n      [--chipset= ich9 | piix3 ] [--iommu= none | automatic | amd | intel ]\n      [--tpm-type= none | 1.2 | 2.0 | host | swtpm ] [--tpm-location= location\n      ] [--bios-logo-fade-in= on | off ] [--bios-logo-fade-out= on | off ]\n      [--bios-logo-display-time=msec] [--bios-logo-image-path=pathname]\n      [--bios-boot-menu= disabled | menuonly | messageandmenu ] [--bios-apic=\n      disabled | apic | x2apic ] [--bios-system-time-offset=msec]\n      [--bios-pxe-debug= on | off ] [--system-uuid-le= on | off ] [--bootX=\n      none | floppy | dvd | disk | net ] [--rtc-use-utc= on | off ]\n      [--graphicscontroller= none | vboxvga | vmsvga | vboxsvga ]\n      [--snapshot-folder= default | pathname ] [--firmware= bios | efi | efi32\n      | efi64 ] [--guest-memory-balloon=size-in-MB] [--default-frontend=\n      default | name ] [--vm-process-priority= default | flat | low | normal |\n      high ]',
  ],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--nicN= none | null | nat | bridged |\n      intnet | hostonly | hostonlynet | generic | natnetwork | cloud ]\n      [--nic-typeN= Am79C970A | Am79C973 | 82540EM | 82543GC | 82545EM | virtio\n      ] [--cable-connectedN= on | off ] [--nic-traceN= on | off ]\n      [--nic-trace-fileN=filename] [--nic-propertyN=name=  [value] ]\n      [--nic-speedN=kbps] [--nic-boot-prioN=priority] [--nic-promiscN= deny |\n      allow-vms | allow-all ] [--nic-bandwidth-groupN= none | name ]\n      [--bridge-adapterN= none | device-name ] [--cloud-networkN=network-name]\n      [--host-only-adapterN= none | device-name ]\n      [--host-only-netN=network-name] [--intnetN=network-name]\n      [--nat-networkN=network-name] [--nic-generic-drvN=driver-name]\n      [--mac-addressN= auto | MAC-address ]',
  ],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--nat-netN= network | default ]\n      [--nat-pfN= [rule-name],tcp | udp,[host-IP],hostport,[guest-IP],guestport\n      ] [--nat-pfN=delete=rule-name] [--nat-tftp-prefixN=prefix]\n      [--nat-tftp-fileN=filename] [--nat-tftp-serverN=IP-address]\n      [--nat-bind-ipN=IP-address] [--nat-dns-pass-domainN= on | off ]\n      [--nat-dns-proxyN= on | off ] [--nat-dns-host-resolverN= on | off ]\n      [--nat-localhostreachableN= on | off ]\n      [--nat-settingsN=[mtu],[socksnd],[sockrcv],[tcpsnd],[tcprcv]]\n      [--nat-alias-modeN= default | [log],[proxyonly],[sameports] ]',
  ],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--mouse= ps2 | usb | usbtablet |\n      usbmultitouch | usbmtscreenpluspad ] [--keyboard= ps2 | usb ] [--uartN=\n      off | IO-baseIRQ ] [--uart-modeN= disconnected | server pipe |\n      client pipe | tcpserver port | tcpclient hostname:port | file filename |\n      device-name ] [--uart-typeN= 16450 | 16550A | 16750 ]\n      [--lpt-modeN=device-name] [--lptN= off | IO-baseIRQ ]\n      [--audio-controller= ac97 | hda | sb16 ] [--audio-codec= stac9700 |\n      ad1980 | stac9221 | sb16 ] [--audio-driver= none | default | null |\n      dsound | was | oss | alsa | pulse | coreaudio ] [--audio-enabled= on |\n      off ] [--audio-in= on | off ] [--audio-out= on | off ] [--clipboard-mode=\n      disabled | hosttoguest | guesttohost | bidirectional ] [--drag-and-drop=\n      disabled | hosttoguest | guesttohost | bidirectional ]\n      [--monitor-count=number] [--usb-ehci= on | off ] [--usb-ohci= on | off ]\n      [--usb-xhci= on | off ] [--usb-rename=old-namenew-name]',
  ],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--recording= on | off ]\n      [--recording-screens= all | none | screen-ID[,screen-ID...] ]\n      [--recording-file=filename] [--recording-max-size=MB]\n      [--recording-max-time=msec] [--recording-opts=  key=value[,key=value...]\n      ] [--recording-video-fps=fps] [--recording-video-rate=rate]\n      [--recording-video-res=widthheight]',
  ],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--vrde= on | off ]\n      [--vrde-property=property-name=  [property-value] ] [--vrde-extpack=\n      default | name ] [--vrde-port=port] [--vrde-address=hostip]\n      [--vrde-auth-type= null | external | guest ] [--vrde-auth-library=\n      default | name ] [--vrde-multi-con= on | off ] [--vrde-reuse-con= on |\n      off ] [--vrde-video-channel= on | off ]\n      [--vrde-video-channel-quality=percent]',
  ],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--teleporter= on | off ]\n      [--teleporter-port=port] [--teleporter-address= address | empty ]\n      [--teleporter-password=password] [--teleporter-password-file= filename |\n      stdin ] [--cpuid-portability-level=level] [--cpuid-set=leaf [:subleaf]\n      eax\u00a0ebx\u00a0ecx\u00a0edx] [--cpuid-remove=leaf [:subleaf] ]\n      [--cpuid-remove-all]',
  ],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--tracing-enabled= on | off ]\n      [--tracing-config=string] [--tracing-allow-vm-access= on | off ]',
  ],
  ['modifyvm', '  VBoxManage modifyvm <uuid | vmname> [--usb-card-reader= on | off ]'],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--autostart-enabled= on | off ]\n      [--autostart-delay=seconds]',
  ],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--guest-debug-provider= none | native |\n      gdb | kd ] [--guest-debug-io-provider= none | tcp | udp | ipc ]\n      [--guest-debug-address= IP-Address | path ] [--guest-debug-port=port]',
  ],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--pci-attach=host-PCI-address\n      [@guest-PCI-bus-address] ] [--pci-detach=host-PCI-address]',
  ],
  [
    'modifyvm',
    '  VBoxManage modifyvm <uuid | vmname> [--testing-enabled= on | off ]\n      [--testing-mmio= on | off ] [--testing-cfg-dwordidx=value]',
  ],
  ['snapshot', '\n  VBoxManage snapshot <uuid|vmname>'],
  [
    'snapshot',
    '  VBoxManage snapshot <uuid|vmname> take <snapshot-name>\n      [--description=description] [--live]\n      [--uniquename Number,Timestamp,Space,Force]',
  ],
  ['snapshot', '  VBoxManage snapshot <uuid|vmname> delete <snapshot-name>'],
  ['snapshot', '  VBoxManage snapshot <uuid|vmname> restore <snapshot-name>'],
  ['snapshot', '  VBoxManage snapshot <uuid|vmname> restorecurrent'],
  [
    'snapshot',
    '  VBoxManage snapshot <uuid|vmname> edit <snapshot-name | --current>\n      [--description=description] [--name=new-name]',
  ],
  ['snapshot', '  VBoxManage snapshot <uuid|vmname> list [--details | --machinereadable]'],
  ['snapshot', '  VBoxManage snapshot <uuid|vmname> showvminfo <snapshot-name>'],
  [
    'clonevm',
    '\n  VBoxManage clonevm <vmname|uuid> [--basefolder=basefolder]\n      [--groups=group,...] [--mode=machine | --mode=machinechildren |\n      --mode=all] [--name=name] [--options=option,...] [--register]\n      [--snapshot=snapshot-name] [--uuid=uuid]',
  ],
  ['movevm', '\n  VBoxManage movevm <uuid | vmname> [--type=basic] [--folder=folder-name]'],
  [
    'encryptvm',
    '\n  VBoxManage encryptvm <uuid | vmname> setencryption --old-password file\n      --cipher cipher-identifier --new-password file\n      --new-password-id password-identifier --force',
  ],
  ['encryptvm', '  VBoxManage encryptvm <uuid | vmname> checkpassword <file>'],
  [
    'encryptvm',
    '  VBoxManage encryptvm <uuid | vmname> addpassword --password file\n      --password-id password-identifier',
  ],
  ['encryptvm', '  VBoxManage encryptvm <uuid | vmname> removepassword <password-identifier>'],
  [
    'startvm',
    '\n  VBoxManage startvm <uuid | vmname...> [--putenv=name[=value]] [--type= [gui |\n      headless | sdl | separate] ] --password file --password-id password\n      identifier',
  ],
  ['controlvm', '\n  VBoxManage controlvm <uuid | vmname> pause'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> resume'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> reset'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> poweroff'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> savestate'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> acpipowerbutton'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> acpisleepbutton'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> reboot'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> shutdown [--force]'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> keyboardputscancode <hex> [hex...]'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> keyboardputstring <string> [string...]'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> keyboardputfile <filename>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> setlinkstateN <on | off>'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> nicN <null | nat | bridged | intnet |\n      hostonly | generic | natnetwork> [device-name]',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> nictraceN <on | off>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> nictracefileN <filename>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> nicpropertyN <prop-name=prop-value>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> nicpromiscN <deny | allow-vms |\n      allow-all>'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> natpfN <[rulename] ,tcp | udp, host-IP,\n      hostport, guest-IP, guestport>',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> natpfN delete <rulename>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> guestmemoryballoon <balloon-size>'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> usbattach <uuid | address>\n      [--capturefile=filename]',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> usbdetach <uuid | address>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> audioin <on | off>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> audioout <on | off>'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> clipboard mode <disabled | hosttoguest |\n      guesttohost | bidirectional>',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> clipboard filetransfers <on | off>'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> draganddrop <disabled | hosttoguest |\n      guesttohost | bidirectional>',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> vrde <on | off>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> vrdeport <port>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> vrdeproperty <prop-name=prop-value>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> vrdevideochannelquality <percentage>'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> setvideomodehint <xres> <yres> <bpp>\n      [[display]  [enabled:yes | no | x-origin\u00a0y-origin] ]',
  ],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> setscreenlayout <display> <on |\n      primary x-origin\u00a0y-origin\u00a0x-resolution\u00a0y-resolution\u00a0bpp | off>',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> screenshotpng <filename> [display]'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> recording <on | off>'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> recording screens <all | none |\n      screen-ID[,screen-ID...]>',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> recording filename <filename>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> recording videores <widthxheight>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> recording videorate <rate>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> recording videofps <fps>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> recording maxtime <sec>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> recording maxfilesize <MB>'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> setcredentials <username>\n      --passwordfile= <filename | password>  <domain-name> --allowlocallogon=\n      <yes | no>',
  ],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> teleport <--host=host-name>\n      <--port=port-name> [--maxdowntime=msec] [--passwordfile=filename |\n      --password=password]',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> plugcpu <ID>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> unplugcpu <ID>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> cpuexecutioncap <num>'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> vm-process-priority <default | flat |\n      low | normal | high>',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> webcam attach [pathname [settings] ]'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> webcam detach [pathname]'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> webcam list'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> addencpassword <ID> <password-file | ->\n      [--removeonsuspend= yes | no ]',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> removeencpassword <ID>'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> removeallencpasswords'],
  [
    'controlvm',
    '  VBoxManage controlvm <uuid | vmname> changeuartmodeN disconnected |\n      server pipe-name | client pipe-name | tcpserver port |\n      tcpclient hostname:port | file filename | device-name',
  ],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> autostart-enabledN on | off'],
  ['controlvm', '  VBoxManage controlvm <uuid | vmname> autostart-delayseconds'],
  [
    'import',
    '\n  VBoxManage import <ovfname | ovaname> [--dry-run] [--options= keepallmacs |\n      keepnatmacs | importtovdi ] [--vsys=n] [--ostype=ostype] [--vmname=name]\n      [--settingsfile=file] [--basefolder=folder] [--group=group] [--memory=MB]\n      [--cpus=n] [--description=text] [--eula= show | accept ] [--unit=n]\n      [--ignore] [--scsitype= BusLogic | LsiLogic ] [--disk=path]\n      [--controller=index] [--port=n]',
  ],
  [
    'import',
    '  VBoxManage import OCI:// --cloud [--ostype=ostype] [--vmname=name]\n      [--basefolder=folder] [--memory=MB] [--cpus=n] [--description=text]\n      <--cloudprofile=profile> <--cloudinstanceid=id> [--cloudbucket=bucket]',
  ],
  [
    'export',
    '\n  VBoxManage export <machines> <--output=name> [--legacy09 | --ovf09 | --ovf10\n      | --ovf20] [--manifest] [--options= manifest | iso | nomacs |\n      nomacsbutnat... ] [--vsys=virtual-system-number]\n      [--description=description-info] [--eula=license-text]\n      [--eulafile=filename] [--product=product-name] [--producturl=product-URL]\n      [--vendor=vendor-name] [--vendorurl=vendor-URL] [--version=version-info]\n      [--vmname=vmname]',
  ],
  [
    'export',
    '  VBoxManage export <machine> <--output=cloud-service-provider> [--opc10]\n      [--vmname=vmname] [--cloud=virtual-system-number]\n      [--cloudprofile=cloud-profile-name] [--cloudshape=cloud-shape-name]\n      [--clouddomain=cloud-domain] [--clouddisksize=disk-size-in-GB]\n      [--cloudbucket=bucket-name] [--cloudocivcn=OCI-VCN-ID]\n      [--cloudocisubnet=OCI-subnet-ID] [--cloudkeepobject= true | false ]\n      [--cloudlaunchinstance= true | false ] [--cloudlaunchmode= EMULATED |\n      PARAVIRTUALIZED ] [--cloudpublicip= true | false ]',
  ],
  [
    'mediumio',
    '\n  VBoxManage mediumio <--disk=uuid|filename | --dvd=uuid|filename |\n      --floppy=uuid|filename> [--password-file=-|filename] formatfat [--quick]',
  ],
  [
    'mediumio',
    '  VBoxManage mediumio <--disk=uuid|filename | --dvd=uuid|filename |\n      --floppy=uuid|filename> [--password-file=-|filename] cat [--hex]\n      [--offset=byte-offset] [--size=bytes] [--output=-|filename]',
  ],
  [
    'mediumio',
    '  VBoxManage mediumio <--disk=uuid|filename | --dvd=uuid|filename |\n      --floppy=uuid|filename> [--password-file=-|filename] stream\n      [--format=image-format] [--variant=image-variant] [--output=-|filename]',
  ],
  [
    'sharedfolder',
    '\n  VBoxManage sharedfolder add <uuid | vmname> <--name=name>\n      <--hostpath=hostpath> [--readonly] [--transient] [--automount]\n      [--auto-mount-point=path]',
  ],
  ['sharedfolder', '  VBoxManage sharedfolder remove <uuid | vmname> <--name=name> [--transient]'],
  [
    'dhcpserver',
    '\n  VBoxManage dhcpserver add <--network=netname | --interface=ifname>\n      <--server-ip=address> <--netmask=mask> <--lower-ip=address>\n      <--upper-ip=address> <--enable | --disable>\n       [--global | --set-opt=dhcp-opt-no value... | --set-opt-hex=dhcp-opt-no\n           hexstring... | --force-opt=dhcp-opt-no... |\n           --supress-opt=dhcp-opt-no... | --min-lease-time=seconds |\n           --default-lease-time=seconds | --max-lease-time=seconds...]\n       [--group=name | --set-opt=dhcp-opt-no value... |\n           --set-opt-hex=dhcp-opt-no hexstring... | --force-opt=dhcp-opt-no...\n           | --supress-opt=dhcp-opt-no... | --incl-mac=address... |\n           --excl-mac=address... | --incl-mac-wild=pattern... |\n           --excl-mac-wild=pattern... | --incl-vendor=string... |\n           --excl-vendor=string... | --incl-vendor-wild=pattern... |\n           --excl-vendor-wild=pattern... | --incl-user=string... |\n           --excl-user=string... | --incl-user-wild=pattern... |\n           --excl-user-wild=pattern... | --min-lease-time=seconds |\n           --default-lease-time=seconds | --max-lease-time=seconds...]\n       [--vm=name|uuid | --nic=1-N | --set-opt=dhcp-opt-no value... |\n           --set-opt-hex=dhcp-opt-no hexstring... | --force-opt=dhcp-opt-no...\n           | --supress-opt=dhcp-opt-no... | --min-lease-time=seconds |\n           --default-lease-time=seconds | --max-lease-time=seconds |\n           --fixed-address=address...]\n       [--mac-address=address | --set-opt=dhcp-opt-no value... |\n           --set-opt-hex=dhcp-opt-no hexstring... | --force-opt=dhcp-opt-no...\n           | --supress-opt=dhcp-opt-no... | --min-lease-time=seconds |\n           --default-lease-time=seconds | --max-lease-time=seconds |\n           --fixed-address=address...]',
  ],
  [
    'dhcpserver',
    '  VBoxManage dhcpserver modify <--network=netname | --interface=ifname>\n      [--server-ip=address] [--lower-ip=address] [--upper-ip=address]\n      [--netmask=mask] [--enable | --disable]\n       [--global | --del-opt=dhcp-opt-no... | --set-opt=dhcp-opt-no value... |\n           --set-opt-hex=dhcp-opt-no hexstring... | --force-opt=dhcp-opt-no...\n           | --unforce-opt=dhcp-opt-no... | --supress-opt=dhcp-opt-no... |\n           --unsupress-opt=dhcp-opt-no... | --min-lease-time=seconds |\n           --default-lease-time=seconds | --max-lease-time=seconds |\n           --remove-config...]\n       [--group=name | --set-opt=dhcp-opt-no value... |\n           --set-opt-hex=dhcp-opt-no hexstring... | --force-opt=dhcp-opt-no...\n           | --unforce-opt=dhcp-opt-no... | --supress-opt=dhcp-opt-no... |\n           --unsupress-opt=dhcp-opt-no... | --del-mac=address... |\n           --incl-mac=address... | --excl-mac=address... |\n           --del-mac-wild=pattern... | --incl-mac-wild=pattern... |\n           --excl-mac-wild=pattern... | --del-vendor=string... |\n           --incl-vendor=string... | --excl-vendor=string... |\n           --del-vendor-wild=pattern... | --incl-vendor-wild=pattern... |\n           --excl-vendor-wild=pattern... | --del-user=string... |\n           --incl-user=string... | --excl-user=string... |\n           --del-user-wild=pattern... | --incl-user-wild=pattern... |\n           --excl-user-wild=pattern... | --zap-conditions |\n           --min-lease-time=seconds | --default-lease-time=seconds |\n           --max-lease-time=seconds | --remove-config...]\n       [--vm=name|uuid | --nic=1-N | --del-opt=dhcp-opt-no... |\n           --set-opt=dhcp-opt-no value... | --set-opt-hex=dhcp-opt-no\n           hexstring... | --force-opt=dhcp-opt-no... |\n           --unforce-opt=dhcp-opt-no... | --supress-opt=dhcp-opt-no... |\n           --unsupress-opt=dhcp-opt-no... | --min-lease-time=seconds |\n           --default-lease-time=seconds | --max-lease-time=seconds |\n           --fixed-address=address | --remove-config...]\n       [--mac-address=address | --del-opt=dhcp-opt-no... |\n           --set-opt=dhcp-opt-no value... | --set-opt-hex=dhcp-opt-no\n           hexstring... | --force-opt=dhcp-opt-no... |\n           --unforce-opt=dhcp-opt-no... | --supress-opt=dhcp-opt-no... |\n           --unsupress-opt=dhcp-opt-no... | --min-lease-time=seconds |\n           --default-lease-time=seconds | --max-lease-time=seconds |\n           --fixed-address=address | --remove-config...]',
  ],
  ['dhcpserver', '  VBoxManage dhcpserver remove <--network=netname | --interface=ifname>'],
  ['dhcpserver', '  VBoxManage dhcpserver start <--network=netname | --interface=ifname>'],
  ['dhcpserver', '  VBoxManage dhcpserver restart <--network=netname | --interface=ifname>'],
  ['dhcpserver', '  VBoxManage dhcpserver stop <--network=netname | --interface=ifname>'],
  [
    'dhcpserver',
    '  VBoxManage dhcpserver findlease <--network=netname | --interface=ifname>\n      <--mac-address=mac>',
  ],
  ['debugvm', '\n  VBoxManage debugvm <uuid|vmname> dumpvmcore [--filename=name]'],
  ['debugvm', '  VBoxManage debugvm <uuid|vmname> info <item> [args...]'],
  ['debugvm', '  VBoxManage debugvm <uuid|vmname> injectnmi'],
  ['debugvm', '  VBoxManage debugvm <uuid|vmname> log [--release | --debug]\n      [group-settings...]'],
  ['debugvm', '  VBoxManage debugvm <uuid|vmname> logdest [--release | --debug]\n      [destinations...]'],
  ['debugvm', '  VBoxManage debugvm <uuid|vmname> logflags [--release | --debug] [flags...]'],
  ['debugvm', '  VBoxManage debugvm <uuid|vmname> osdetect'],
  ['debugvm', '  VBoxManage debugvm <uuid|vmname> osinfo'],
  ['debugvm', '  VBoxManage debugvm <uuid|vmname> osdmesg [--lines=lines]'],
  ['debugvm', '  VBoxManage debugvm <uuid|vmname> getregisters [--cpu=id]\n      [reg-set.reg-name...]'],
  [
    'debugvm',
    '  VBoxManage debugvm <uuid|vmname> setregisters [--cpu=id]\n      [reg-set.reg-name=value...]',
  ],
  [
    'debugvm',
    '  VBoxManage debugvm <uuid|vmname> show [--human-readable | --sh-export |\n      --sh-eval | --cmd-set] [settings-item...]',
  ],
  ['debugvm', '  VBoxManage debugvm <uuid|vmname> stack [--cpu=id]'],
  [
    'debugvm',
    '  VBoxManage debugvm <uuid|vmname> statistics [--reset] [--descriptions]\n      [--pattern=pattern]',
  ],
  [
    'debugvm',
    '  VBoxManage debugvm <uuid|vmname> guestsample [--filename=filename]\n      [--sample-interval-us=interval] [--sample-time-us=time]',
  ],
  ['extpack', '\n  VBoxManage extpack install [--replace] [--accept-license=sha256] <tarball>'],
  ['extpack', '  VBoxManage extpack uninstall [--force] <name>'],
  ['extpack', '  VBoxManage extpack cleanup'],
  ['unattended', '\n  VBoxManage unattended detect <--iso=install-iso> [--machine-readable]'],
  [
    'unattended',
    '  VBoxManage unattended install <uuid|vmname> <--iso=install-iso>\n      [--user=login] [--password=password] [--password-file=file]\n      [--full-user-name=name] [--key=product-key] [--install-additions]\n      [--no-install-additions] [--additions-iso=add-iso] [--install-txs]\n      [--no-install-txs] [--validation-kit-iso=testing-iso] [--locale=ll_CC]\n      [--country=CC] [--time-zone=tz] [--hostname=fqdn]\n      [--package-selection-adjustment=keyword] [--dry-run]\n      [--auxiliary-base-path=path] [--image-index=number]\n      [--script-template=file] [--post-install-template=file]\n      [--post-install-command=command]\n      [--extra-install-kernel-parameters=params] [--language=lang]\n      [--start-vm=session-type]',
  ],
  [
    'cloud',
    '\n  VBoxManage cloud <--provider=name> <--profile=name>\n       list instances [--state=string] [--compartment-id=string]',
  ],
  [
    'cloud',
    '  VBoxManage cloud <--provider=name> <--profile=name>\n       list images <--compartment-id=string> [--state=string]',
  ],
  [
    'cloud',
    '  VBoxManage cloud <--provider=name> <--profile=name>\n       list vnicattachments <--compartment-id=string> [--filter=string]',
  ],
  [
    'cloud',
    '  VBoxManage cloud <--provider=name> <--profile=name>\n       instance create <--domain-name=name> <--image-id=id |\n           --boot-volume-id=id> <--display-name=name> <--shape=type>\n           <--subnet=id> [--boot-disk-size=size in GB] [--publicip=true/false]\n           [--privateip=IP address] [--public-ssh-key=key string...]\n           [--launch-mode=NATIVE/EMULATED/PARAVIRTUALIZED]\n           [--cloud-init-script-path=path to a script]',
  ],
  ['cloud', '  VBoxManage cloud <--provider=name> <--profile=name>\n       instance info <--id=unique id>'],
  [
    'cloud',
    '  VBoxManage cloud <--provider=name> <--profile=name>\n       instance terminate <--id=unique id>',
  ],
  ['cloud', '  VBoxManage cloud <--provider=name> <--profile=name>\n       instance start <--id=unique id>'],
  ['cloud', '  VBoxManage cloud <--provider=name> <--profile=name>\n       instance pause <--id=unique id>'],
  ['cloud', '  VBoxManage cloud <--provider=name> <--profile=name>\n       instance reset <--id=unique id>'],
  [
    'cloud',
    '  VBoxManage cloud <--provider=name> <--profile=name>\n       image create <--display-name=name> [--bucket-name=name]\n           [--object-name=name] [--instance-id=unique id]',
  ],
  ['cloud', '  VBoxManage cloud <--provider=name> <--profile=name>\n       image info <--id=unique id>'],
  ['cloud', '  VBoxManage cloud <--provider=name> <--profile=name>\n       image delete <--id=unique id>'],
  [
    'cloud',
    '  VBoxManage cloud <--provider=name> <--profile=name>\n       image import <--id=unique id> [--bucket-name=name] [--object-name=name]',
  ],
  [
    'cloud',
    '  VBoxManage cloud <--provider=name> <--profile=name>\n       image export <--id=unique id> <--display-name=name> [--bucket-name=name]\n           [--object-name=name]',
  ],
  [
    'cloud',
    '  VBoxManage cloud <--provider=name> <--profile=name>\n       network setup [--gateway-os-name=string] [--gateway-os-version=string]\n           [--gateway-shape=string] [--tunnel-network-name=string]\n           [--tunnel-network-range=string] [--proxy=string]\n           [--compartment-id=string]',
  ],
  [
    'cloud',
    '  VBoxManage cloud <--provider=name> <--profile=name>\n       network create <--name=string> <--network-id=string> [--enable |\n           --disable]',
  ],
  [
    'cloud',
    '  VBoxManage cloud network update <--name=string> [--network-id=string]\n      [--enable | --disable]',
  ],
  ['cloud', '  VBoxManage cloud network delete <--name=string>'],
  ['cloud', '  VBoxManage cloud network info <--name=string>'],
  [
    'cloudprofile',
    '\n  VBoxManage cloudprofile <--provider=name> <--profile=name> add\n      [--clouduser=unique id] [--fingerprint=MD5 string] [--keyfile=path]\n      [--passphrase=string] [--tenancy=unique id] [--compartment=unique id]\n      [--region=string]',
  ],
  [
    'cloudprofile',
    '  VBoxManage cloudprofile <--provider=name> <--profile=name> update\n      [--clouduser=unique id] [--fingerprint=MD5 string] [--keyfile=path]\n      [--passphrase=string] [--tenancy=unique id] [--compartment=unique id]\n      [--region=string]',
  ],
  ['cloudprofile', '  VBoxManage cloudprofile <--provider=name> <--profile=name> delete'],
  ['cloudprofile', '  VBoxManage cloudprofile <--provider=name> <--profile=name> show'],
  [
    'signova',
    '\n  VBoxManage signova <ova> <--certificate=file> <--private-key=file>\n      [--private-key-password-file=password-file |\n      --private-key-password=password] [--digest-type=type] [--pkcs7 |\n      --no-pkcs7] [--intermediate-cert=file] [--force] [--verbose] [--quiet]\n      [--dry-run]',
  ],
  ['modifynvram', '\n  VBoxManage modifynvram <uuid|vmname> inituefivarstore'],
  ['modifynvram', '  VBoxManage modifynvram <uuid|vmname> enrollmssignatures'],
  ['modifynvram', '  VBoxManage modifynvram <uuid|vmname> enrollorclpk'],
  [
    'modifynvram',
    '  VBoxManage modifynvram <uuid|vmname> enrollpk [--platform-key=filename]\n      [--owner-uuid=uuid]',
  ],
  [
    'modifynvram',
    '  VBoxManage modifynvram <uuid|vmname> enrollmok [--mok=filename]\n      [--owner-uuid=uuid]',
  ],
  ['modifynvram', '  VBoxManage modifynvram <uuid|vmname> listvars'],
  [
    'modifynvram',
    '  VBoxManage modifynvram <uuid|vmname> queryvar [--name=name]\n      [--filename=filename]',
  ],
  [
    'modifynvram',
    '  VBoxManage modifynvram <uuid|vmname> deletevar [--name=name]\n      [--owner-uuid=uuid]',
  ],
  [
    'modifynvram',
    '  VBoxManage modifynvram <uuid|vmname> changevar [--name=name]\n      [--filename=filename]',
  ],
  [
    'hostonlynet',
    '\n  VBoxManage hostonlynet add <--name=netname> [--id=netid] <--netmask=mask>\n      <--lower-ip=address> <--upper-ip=address> [--enable | --disable]',
  ],
  [
    'hostonlynet',
    '  VBoxManage hostonlynet modify <--name=netname | --id=netid>\n      [--lower-ip=address] [--upper-ip=address] [--netmask=mask] [--enable |\n      --disable]',
  ],
  ['hostonlynet', '  VBoxManage hostonlynet remove <--name=netname | --id=netid>'],
  ['updatecheck', '\n  VBoxManage updatecheck perform [--machine-readable]'],
  ['updatecheck', '  VBoxManage updatecheck list [--machine-readable]'],
  [
    'updatecheck',
    '  VBoxManage updatecheck modify [--disable | --enable] [--channel=stable |\n      withbetas | all] [--frequency=days]',
  ],
  ['discardstate', '\n  VBoxManage discardstate <uuid | vmname>'],
  ['adoptstate', '\n  VBoxManage adoptstate <uuid | vmname> <state-filename>'],
  ['closemedium', '\n  VBoxManage closemedium [disk | dvd | floppy] <uuid | filename> [--delete]'],
  [
    'storageattach',
    '\n  VBoxManage storageattach <uuid | vmname> <--storagectl=name>\n      [--bandwidthgroup= name | none ] [--comment=text] [--device=number]\n      [--discard= on | off ] [--encodedlun=lun] [--forceunmount]\n      [--hotpluggable= on | off ] [--initiator=initiator] [--intnet]\n      [--lun=lun] [--medium= none | emptydrive | additions | uuid | filename |\n      host:drive | iscsi ] [--mtype= normal | writethrough | immutable |\n      shareable | readonly | multiattach ] [--nonrotational= on | off ]\n      [--passthrough= on | off ] [--passwordfile=file] [--password=password]\n      [--port=number] [--server= name | ip ] [--setparentuuid=uuid]\n      [--setuuid=uuid] [--target=target] [--tempeject= on | off ]\n      [--tport=port] [--type= dvddrive | fdd | hdd ] [--username=username]',
  ],
  [
    'storagectl',
    '\n  VBoxManage storagectl <uuid | vmname> <--name=controller-name> [--add= floppy\n      | ide | pcie | sas | sata | scsi | usb ] [--controller= BusLogic | I82078\n      | ICH6 | IntelAhci | LSILogic | LSILogicSAS | NVMe | PIIX3 | PIIX4 | USB\n      | VirtIO ] [--bootable= on | off ] [--hostiocache= on | off ]\n      [--portcount=count] [--remove] [--rename=new-controller-name]',
  ],
  [
    'bandwidthctl',
    '\n  VBoxManage bandwidthctl <uuid | vmname> add <bandwidth-group-name>\n      <--limit=bandwidth-limit[k|m|g|K|M|G]> <--type=disk|network>',
  ],
  ['bandwidthctl', '  VBoxManage bandwidthctl <uuid | vmname> list [--machinereadable]'],
  ['bandwidthctl', '  VBoxManage bandwidthctl <uuid | vmname> remove <bandwidth-group-name>'],
  [
    'bandwidthctl',
    '  VBoxManage bandwidthctl <uuid | vmname> set <bandwidth-group-name>\n      <--limit=bandwidth-limit[k|m|g|K|M|G]>',
  ],
  ['showmediuminfo', '\n  VBoxManage showmediuminfo [disk | dvd | floppy] <uuid | filename>'],
  [
    'createmedium',
    '\n  VBoxManage createmedium [disk | dvd | floppy] <--filename=filename>\n      [--size=megabytes | --sizebyte=bytes] [--diffparent= UUID | filename ]\n      [--format= VDI | VMDK | VHD ]\n      [--variant Standard,Fixed,Split2G,Stream,ESX,Formatted,RawDisk]\n      --property name=value... --property-file name=/path/to/file/with/value...',
  ],
  [
    'modifymedium',
    '\n  VBoxManage modifymedium [disk | dvd | floppy] <uuid | filename>\n      [--autoreset=on | off] [--compact] [--description=description]\n      [--move=pathname] [--property=name=[value]]\n      [--resize=megabytes | --resizebyte=bytes] [--setlocation=pathname]\n      [--type=normal | writethrough | immutable | shareable | readonly | multiattach]',
  ],
  [
    'clonemedium',
    '\n  VBoxManage clonemedium <uuid | source-medium> <uuid | target-medium> [disk |\n      dvd | floppy] [--existing] [--format= VDI | VMDK | VHD | RAW | other ]\n      [--variant=Standard,Fixed,Split2G,Stream,ESX]',
  ],
  [
    'mediumproperty',
    '\n  VBoxManage mediumproperty [disk | dvd | floppy] set <uuid | filename>\n      <property-name> <property-value>',
  ],
  [
    'mediumproperty',
    '  VBoxManage mediumproperty [disk | dvd | floppy] get <uuid | filename>\n      <property-name>',
  ],
  [
    'mediumproperty',
    '  VBoxManage mediumproperty [disk | dvd | floppy] delete <uuid | filename>\n      <property-name>',
  ],
  [
    'encryptmedium',
    '\n  VBoxManage encryptmedium <uuid | filename> [--cipher=cipher-ID]\n      [--newpassword=password] [--newpasswordid=password-ID]\n      [--oldpassword=password]',
  ],
  ['checkmediumpwd', '\n  VBoxManage checkmediumpwd <uuid | filename> <password-file>'],
  [
    'convertfromraw',
    '\n  VBoxManage convertfromraw <inputfile> <outputfile> [--format= VDI | VMDK |\n      VHD ] [--uuid=uuid] [--variant=Standard,Fixed,Split2G,Stream,ESX]',
  ],
  [
    'convertfromraw',
    '  VBoxManage convertfromraw stdin <outputfile> <bytes> [--format= VDI | VMDK |\n      VHD ] [--uuid=uuid] [--variant=Standard,Fixed,Split2G,Stream,ESX]',
  ],
  ['setextradata', '\n  VBoxManage setextradata <global | uuid | vmname> <keyword> [value]'],
  ['getextradata', '\n  VBoxManage getextradata <global | uuid | vmname> keyword | enumerate'],
  ['setproperty', '\n  VBoxManage setproperty <property-name> <property-value>'],
  [
    'usbfilter',
    '\n  VBoxManage usbfilter add <index,0-N> <--target= <uuid | vmname | global> >\n      <--name=string> <--action=ignore | hold> [--active=yes | no]\n      [--vendorid=XXXX] [--productid=XXXX] [--revision=IIFF]\n      [--manufacturer=string] [--product=string] [--port=hex]\n      [--remote=yes | no] [--serialnumber=string] [--maskedinterfaces=XXXXXXXX]',
  ],
  [
    'usbfilter',
    '  VBoxManage usbfilter modify <index,0-N> <--target= <uuid | vmname | global> >\n      [--name=string] [--action=ignore | hold] [--active=yes | no]\n      [--vendorid=XXXX | ""] [--productid=XXXX | ""] [--revision=IIFF | ""]\n      [--manufacturer=string | ""] [--product=string | ""] [--port=hex]\n      [--remote=yes | no] [--serialnumber=string | ""]\n      [--maskedinterfaces=XXXXXXXX]',
  ],
  ['usbfilter', '  VBoxManage usbfilter remove <index,0-N> <--target= <uuid | vmname | global> >'],
  ['guestproperty', '\n  VBoxManage guestproperty get <uuid | vmname> <property-name> [--verbose]'],
  [
    'guestproperty',
    '  VBoxManage guestproperty enumerate <uuid | vmname> [--no-timestamp]\n      [--no-flags] [--relative] [--old-format] [patterns...]',
  ],
  [
    'guestproperty',
    '  VBoxManage guestproperty set <uuid | vmname> <property-name> [property-value\n      [--flags=flags] ]',
  ],
  ['guestproperty', '  VBoxManage guestproperty unset <uuid | vmname> <property-name>'],
  [
    'guestproperty',
    '  VBoxManage guestproperty wait <uuid | vmname> <patterns> [--timeout=msec]\n      [--fail-on-timeout]',
  ],
  [
    'guestcontrol',
    '\n  VBoxManage guestcontrol <uuid | vmname> run [--arg0=argument 0]\n      [--domain=domainname] [--dos2unix] [--exe=filename]\n      [--ignore-orphaned-processes] [--no-wait-stderr | --wait-stderr]\n      [--no-wait-stdout | --wait-stdout] [--passwordfile=password-file |\n      --password=password] [--profile] [--putenv=var-name=[value]] [--quiet]\n      [--timeout=msec] [--unix2dos] [--unquoted-args] [--username=username]\n      [--verbose] <-- [argument...] >',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> start [--arg0=argument 0]\n      [--domain=domainname] [--exe=filename] [--ignore-orphaned-processes]\n      [--passwordfile=password-file | --password=password] [--profile]\n      [--putenv=var-name=[value]] [--quiet] [--timeout=msec] [--unquoted-args]\n      [--username=username] [--verbose] <-- [argument...] >',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> copyfrom [--dereference]\n      [--domain=domainname] [--passwordfile=password-file |\n      --password=password] [--quiet] [--no-replace] [--recursive]\n      [--target-directory=host-destination-dir] [--update]\n      [--username=username] [--verbose] <guest-source0> guest-source1 [...]\n      <host-destination>',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> copyto [--dereference]\n      [--domain=domainname] [--passwordfile=password-file |\n      --password=password] [--quiet] [--no-replace] [--recursive]\n      [--target-directory=guest-destination-dir] [--update]\n      [--username=username] [--verbose] <host-source0> host-source1 [...]',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> mkdir [--domain=domainname]\n      [--mode=mode] [--parents] [--passwordfile=password-file |\n      --password=password] [--quiet] [--username=username] [--verbose]\n      <guest-directory...>',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> rmdir [--domain=domainname]\n      [--passwordfile=password-file | --password=password] [--quiet]\n      [--recursive] [--username=username] [--verbose] <guest-directory...>',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> rm [--domain=domainname] [--force]\n      [--passwordfile=password-file | --password=password] [--quiet]\n      [--username=username] [--verbose] <guest-directory...>',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> mv [--domain=domainname]\n      [--passwordfile=password-file | --password=password] [--quiet]\n      [--username=username] [--verbose] <source...> <destination-directory>',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> mktemp [--directory]\n      [--domain=domainname] [--mode=mode] [--passwordfile=password-file |\n      --password=password] [--quiet] [--secure] [--tmpdir=directory-name]\n      [--username=username] [--verbose] <template-name>',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> stat [--domain=domainname]\n      [--passwordfile=password-file | --password=password] [--quiet]\n      [--username=username] [--verbose] <filename>',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> list <all | files | processes |\n      sessions> [--quiet] [--verbose]',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> closeprocess [--session-id=ID |\n      --session-name=name-or-pattern] [--quiet] [--verbose] <PID...>',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> closesession [--all | --session-id=ID\n      | --session-name=name-or-pattern] [--quiet] [--verbose]',
  ],
  [
    'guestcontrol',
    '  VBoxManage guestcontrol <uuid | vmname> updatega [--quiet] [--verbose]\n      [--source=guest-additions.ISO] [--wait-start] [--  [argument...] ]',
  ],
  ['guestcontrol', '  VBoxManage guestcontrol <uuid | vmname> watch [--quiet] [--verbose]'],
  [
    'metrics',
    '\n  VBoxManage metrics collect [--detach] [--list] [--period=seconds]\n      [--samples=count] [* | host | vmname metric-list]',
  ],
  ['metrics', '  VBoxManage metrics disable [--list] [* | host | vmname metric-list]'],
  ['metrics', '  VBoxManage metrics enable [--list] [* | host | vmname metric-list]'],
  ['metrics', '  VBoxManage metrics list [* | host | vmname metric-list]'],
  ['metrics', '  VBoxManage metrics query [* | host | vmname metric-list]'],
  [
    'metrics',
    '  VBoxManage metrics setup [--list] [--period seconds] [--samples count] [* |\n      host | vmname metric-list]',
  ],
  [
    'natnetwork',
    '\n  VBoxManage natnetwork add [--disable | --enable] <--netname=name>\n      <--network=network> [--dhcp=on|off] [--ipv6=on|off] [--loopback-4=rule]\n      [--loopback-6=rule] [--port-forward-4=rule] [--port-forward-6=rule]',
  ],
  ['natnetwork', '  VBoxManage natnetwork list [filter-pattern]'],
  [
    'natnetwork',
    '  VBoxManage natnetwork modify [--dhcp=on|off] [--disable | --enable]\n      <--netname=name> <--network=network> [--ipv6=on|off] [--loopback-4=rule]\n      [--loopback-6=rule] [--port-forward-4=rule] [--port-forward-6=rule]',
  ],
  ['natnetwork', '  VBoxManage natnetwork remove <--netname=name>'],
  ['natnetwork', '  VBoxManage natnetwork start <--netname=name>'],
  ['natnetwork', '  VBoxManage natnetwork stop <--netname=name>'],
  [
    'hostonlyif',
    '\n  VBoxManage hostonlyif ipconfig <ifname> [--dhcp | --ip=IPv4-address\n      --netmask=IPv4-netmask | --ipv6=IPv6-address --netmasklengthv6=length]',
  ],
  ['hostonlyif', '  VBoxManage hostonlyif create'],
  ['hostonlyif', '  VBoxManage hostonlyif remove <ifname>'],
  [
    'usbdevsource',
    '\n  VBoxManage usbdevsource add <source-name> <--backend=backend>\n      <--address=address>',
  ],
  ['usbdevsource', '  VBoxManage usbdevsource remove <source-name>'],
];
